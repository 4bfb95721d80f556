import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/app/ports.js';
import { DeliveryRefusedForNow, deliverOnce, notifyOnce } from '../../src/app/workflow/notify-once.js';
import type { StoredRequest } from '../../src/app/ports.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';
import { fakeRoutingDeps } from '../support/routing-fakes.js';

const delivered: Delivery = { recipients: ['lead'], failures: [] };

describe('messages sent by jobs that run at least once', () => {
  it('sends again and records the disclosure when the worker died between sending and recording', async () => {
    const { deps } = fakeRoutingDeps(new InMemoryRequestRepository(), '2026-11-24T10:00:00.000Z');
    let sends = 0;
    const recorded: Delivery[] = [];
    let dies = true;
    const record = async (delivery: Delivery) => {
      if (dies) {
        dies = false;
        throw new Error('process died');
      }
      recorded.push(delivery);
    };
    const send = async () => (sends++, delivered);
    await expect(deliverOnce(deps, 'approval-r1-lead', send, record)).rejects.toThrow('process died');
    expect(await deliverOnce(deps, 'approval-r1-lead', send, record)).toEqual(delivered);
    expect(sends).toBe(2);
    expect(recorded).toEqual([delivered]);
  });

  it('neither sends nor records a message that went already', async () => {
    const { deps } = fakeRoutingDeps(new InMemoryRequestRepository(), '2026-11-24T10:00:00.000Z');
    let sends = 0;
    let records = 0;
    const send = async () => (sends++, delivered);
    const record = async () => void records++;
    await deliverOnce(deps, 'routed-r1-unit', send, record);
    expect(await deliverOnce(deps, 'routed-r1-unit', send, record)).toBeUndefined();
    expect([sends, records]).toEqual([1, 1]);
  });

  it('tries a refused message again on the next run', async () => {
    const { deps } = fakeRoutingDeps(new InMemoryRequestRepository(), '2026-11-24T10:00:00.000Z');
    const refused: Delivery = { recipients: [], failures: [{ recipient: 'lead', failure: 'failed' }] };
    let sends = 0;
    await deliverOnce(deps, 'named-r1', async () => (sends++, refused));
    await deliverOnce(deps, 'named-r1', async () => (sends++, delivered));
    await deliverOnce(deps, 'named-r1', async () => (sends++, delivered));
    expect(sends).toBe(2);
  });

  it('tries every recipient, then has the job run again when Teams refused one for now, and the next run sends only to that one', async () => {
    let refusing = true;
    const sentTo: string[] = [];
    const { deps } = fakeRoutingDeps(new InMemoryRequestRepository(), '2026-11-24T10:00:00.000Z', {
      notifier: {
        notify: async (_stored, n) => {
          const to = 'to' in n ? n.to : '';
          sentTo.push(to);
          return refusing && to === 'b' ? { recipients: [], failures: [{ recipient: 'b', failure: 'failed' }] } : { recipients: [to], failures: [] };
        },
        refreshCards: async () => ({ recipients: [], failures: [] }),
      },
    });
    const stored = {} as StoredRequest;
    const tell = () => notifyOnce(deps, stored, 'booked-r1-g1', ['a', 'b', 'c'], (to) => ({ kind: 'meeting_booked', to }));
    await expect(tell()).rejects.toBeInstanceOf(DeliveryRefusedForNow);
    refusing = false;
    await tell();
    expect(sentTo).toEqual(['a', 'b', 'c', 'b']);
  });
});
