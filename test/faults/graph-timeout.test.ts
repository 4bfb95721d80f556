import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import type { Effect } from '../../src/app/effect.js';
import { reportEffectFailure } from '../../src/app/effects/report-effect-failure.js';
import { runEffect } from '../../src/app/effects/run-effect.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';
import { directory } from '../support/people.js';
import { fakeRoutingDeps } from '../support/routing-fakes.js';
import { sandboxScheduling, storeChosenSlot } from '../support/booking-scene.js';

const OWNER = '00000000-0000-4000-8000-000000000101';
const NAMED = directory.unit('lastenpsykiatria')!.members[0]!;
const AT = '2026-11-24T10:00:00.000Z';
const REQUEST = 'timeout-request-00001';
const slot = { date: '2026-12-23', start: '2026-12-23T10:00:00.000Z', end: '2026-12-23T10:45:00.000Z', caseIndexes: [0] };
const CLIENT_TIMEOUT_MS = 400;

describe('Graph committing an event and answering after the client gave up', () => {
  let sandbox: GraphSandbox;
  beforeAll(async () => {
    sandbox = await startGraphSandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('books once: the job retried with the same transactionId gets the committed event back', async () => {
    const requests = new InMemoryRequestRepository();
    await storeChosenSlot(requests, { id: REQUEST, reference: 'YT-2026-0077', ownerId: OWNER, namedWorkerId: NAMED, slot, at: AT });
    const { deps, notified } = fakeRoutingDeps(requests, AT, { scheduling: sandboxScheduling(sandbox, { requestTimeoutMs: CLIENT_TIMEOUT_MS }) });
    const organizer = directory.person(OWNER)!.email!;
    const ours = () => sandbox.calendars.eventsOf(organizer).filter((e) => e.transactionId?.includes(REQUEST));
    // The token is fetched before the create: only the create itself is held.
    sandbox.faults.inject({ kind: 'delay', ms: CLIENT_TIMEOUT_MS * 4, afterWork: true }, 1, /\/events$/);

    await expect(runEffect(deps, { kind: 'book', requestId: REQUEST })).rejects.toMatchObject({ code: 'network', retryable: true });
    expect(ours()).toHaveLength(1);
    expect((await requests.get(REQUEST))?.request.status).toBe('meeting_proposed');
    expect(notified).toEqual([]);

    await runEffect(deps, { kind: 'book', requestId: REQUEST });
    const [event] = ours();
    expect(ours()).toHaveLength(1);
    expect(sandbox.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/events') && r.body.includes(REQUEST))).toHaveLength(2);
    const booked = (await requests.get(REQUEST))?.request;
    expect(booked?.status).toBe('booked');
    expect(booked?.meeting?.booked?.eventId).toBe(event!.id);
    expect(notified.filter((n) => n.kind === 'meeting_booked').map((n) => ('to' in n ? n.to : '')).sort()).toEqual([NAMED, OWNER].sort());
  });

  it('cancels the event Graph made when a booking whose create kept timing out fails for good, and gives the chair fresh times', async () => {
    const id = 'timeout-request-00002';
    const requests = new InMemoryRequestRepository();
    await storeChosenSlot(requests, { id, reference: 'YT-2026-0078', ownerId: OWNER, namedWorkerId: NAMED, slot, at: AT });
    const { deps, queued, notified } = fakeRoutingDeps(requests, AT, { scheduling: sandboxScheduling(sandbox, { requestTimeoutMs: CLIENT_TIMEOUT_MS }) });
    const organizer = directory.person(OWNER)!.email!;
    const live = () => sandbox.calendars.eventsOf(organizer).filter((e) => e.transactionId?.includes(id) && !e.isCancelled);
    // Every try of the create: Graph commits, then answers too late.
    sandbox.faults.inject({ kind: 'delay', ms: CLIENT_TIMEOUT_MS * 4, afterWork: true }, 3, /\/events$/);
    for (let attempt = 0; attempt < 3; attempt++) await expect(runEffect(deps, { kind: 'book', requestId: id })).rejects.toMatchObject({ code: 'network' });
    expect(live()).toHaveLength(1);

    await reportEffectFailure(deps, { kind: 'book', requestId: id }, 'network', 'book-timeout-request-00002');
    const returned = (await requests.get(id))?.request;
    expect(returned?.meeting?.chosen).toBeUndefined();
    expect(notified.map((n) => n.kind)).toContain('booking_returned');
    const withdrawals = queued.filter((q): q is typeof q & { effect: Extract<Effect, { kind: 'withdraw_booking' }> } => q.effect.kind === 'withdraw_booking');
    expect(withdrawals).toHaveLength(1);
    expect(queued.some((q) => q.effect.kind === 'meeting_needed')).toBe(true);

    await runEffect(deps, withdrawals[0]!.effect);
    expect(live()).toEqual([]);
    // A retried withdrawal finds nothing more to cancel.
    await runEffect(deps, withdrawals[0]!.effect);
    expect(sandbox.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/cancel'))).toHaveLength(1);
  });
});
