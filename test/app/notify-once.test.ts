import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/app/ports.js';
import { DeliveryInFlight, DeliveryRefusedForNow, deliverOnce, notifyOnce } from '../../src/app/workflow/notify-once.js';
import type { StoredRequest } from '../../src/app/ports.js';
import { InMemoryMessageLedger } from '../support/in-memory-message-ledger.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';
import { fakeRoutingDeps } from '../support/routing-fakes.js';

const delivered: Delivery = { recipients: ['lead'], failures: [] };

describe('messages sent by jobs that run at least once', () => {
  it('sends again and records the disclosure when the worker died between sending and recording', async () => {
    const faked = fakeRoutingDeps(new InMemoryRequestRepository(), '2026-11-24T10:00:00.000Z').deps;
    const deps = { ...faked, reminders: { ...faked.reminders, ledger: new InMemoryMessageLedger(undefined, 30) } };
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
    // The dead run's lease lapses before the job runs again.
    await sleep(50);
    expect(await deliverOnce(deps, 'approval-r1-lead', send, record)).toEqual(delivered);
    expect(sends).toBe(2);
    expect(recorded).toEqual([delivered]);
  });

  it('sends once when the job runs again beside a first run whose send outlasts the lease', async () => {
    const faked = fakeRoutingDeps(new InMemoryRequestRepository(), '2026-11-24T10:00:00.000Z').deps;
    const deps = { ...faked, reminders: { ...faked.reminders, ledger: new InMemoryMessageLedger(undefined, 60) } };
    let sends = 0;
    const slow = async () => (sends++, await sleep(250), delivered);
    const first = deliverOnce(deps, 'named-r1-u1-w1', slow);
    // The job's lock lapsed on a starved worker and the job was taken up again, four leases later.
    await sleep(240);
    await expect(deliverOnce(deps, 'named-r1-u1-w1', slow)).rejects.toBeInstanceOf(DeliveryInFlight);
    expect(await first).toEqual(delivered);
    expect(await deliverOnce(deps, 'named-r1-u1-w1', slow)).toBeUndefined();
    expect(sends).toBe(1);
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

  it('does not send beside another run of the same job that is sending the message right now', async () => {
    const { deps } = fakeRoutingDeps(new InMemoryRequestRepository(), '2026-11-24T10:00:00.000Z');
    let sends = 0;
    let answer: (d: Delivery) => void = () => undefined;
    const slowSend = () => (sends++, new Promise<Delivery>((resolve) => (answer = resolve)));
    const first = deliverOnce(deps, 'routed-r1-unit-lead', slowSend);
    await expect(deliverOnce(deps, 'routed-r1-unit-lead', async () => (sends++, delivered))).rejects.toBeInstanceOf(DeliveryInFlight);
    answer(delivered);
    await first;
    expect(await deliverOnce(deps, 'routed-r1-unit-lead', async () => (sends++, delivered))).toBeUndefined();
    expect(sends).toBe(1);
  });
});
