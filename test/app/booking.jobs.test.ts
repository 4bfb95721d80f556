import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { runEffect } from '../../src/app/effects/run-effect.js';
import type { StoredRequest } from '../../src/app/ports.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';
import { fakeRoutingDeps } from '../support/routing-fakes.js';
import { sandboxScheduling, storeChosenSlot } from '../support/booking-scene.js';
import { directory } from '../support/people.js';

const WORKER = '00000000-0000-4000-8000-000000000101';
const NAMED = directory.unit('lastenpsykiatria')!.members[0]!;
const AT = '2026-11-24T10:00:00.000Z';
const slot = { date: '2026-12-23', start: '2026-12-23T10:00:00.000Z', end: '2026-12-23T10:45:00.000Z', caseIndexes: [0] };

/** A store whose next write after the event is created dies, as a process would mid-job. */
class CrashingOnce extends InMemoryRequestRepository {
  crashes = 1;
  override async update(stored: StoredRequest, expectedVersion: number) {
    if (stored.request.status === 'booked' && this.crashes-- > 0) throw new Error('process died');
    return super.update(stored, expectedVersion);
  }
}

describe('booking jobs against the Graph sandbox', () => {
  let sandbox: GraphSandbox;
  beforeAll(async () => {
    sandbox = await startGraphSandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  async function setup(requestId: string, organizerMailbox?: string) {
    const requests = new CrashingOnce();
    await storeChosenSlot(requests, { id: requestId, reference: 'YT-2026-0009', ownerId: WORKER, namedWorkerId: NAMED, slot, at: AT });
    const { deps, notified } = fakeRoutingDeps(requests, AT, { scheduling: sandboxScheduling(sandbox, { organizerMailbox }) });
    return { deps, requests, notified };
  }

  it('ends, after the job is retried, with exactly one event and a booked request', async () => {
    const { deps, requests } = await setup('crash-request-000001');
    await expect(runEffect(deps, { kind: 'book', requestId: 'crash-request-000001' })).rejects.toThrow('process died');
    await runEffect(deps, { kind: 'book', requestId: 'crash-request-000001' });

    expect(sandbox.calendars.eventsOf(directory.person(WORKER)!.email!)).toHaveLength(1);
    expect((await requests.get('crash-request-000001'))?.request.status).toBe('booked');
  });

  it('books from a service mailbox when one is configured, with the chair as an attendee', async () => {
    const service = 'yhteistyoaika@hyvinvointialue.example';
    const { deps, requests } = await setup('service-request-00001', service);
    requests.crashes = 0;
    await runEffect(deps, { kind: 'book', requestId: 'service-request-00001' });
    const [event] = sandbox.calendars.eventsOf(service);
    expect(event?.attendees).toEqual(expect.arrayContaining([directory.person(WORKER)!.email!.toLowerCase()]));
  });

  it('tells the chair once when a named worker declines the meeting', async () => {
    const { deps, requests, notified } = await setup('decline-request-00001');
    requests.crashes = 0;
    await runEffect(deps, { kind: 'book', requestId: 'decline-request-00001' });
    const [event] = sandbox.calendars.eventsOf(directory.person(WORKER)!.email!).filter((e) => e.transactionId?.includes('decline-request-00001'));
    sandbox.calendars.respond(directory.person(NAMED)!.email!, event!.meetingId, 'declined');
    await runEffect(deps, { kind: 'check_responses', requestId: 'decline-request-00001' });
    await runEffect(deps, { kind: 'check_responses', requestId: 'decline-request-00001' });
    expect(notified.filter((n) => n.kind === 'attendee_declined')).toEqual([{ kind: 'attendee_declined', to: WORKER, people: [NAMED] }]);
  });
});
