import { describe, expect, it } from 'vitest';
import { makeRepairStuckRequests } from '../../src/app/booking/repair-stuck-requests.js';
import { appScene } from '../support/app-fakes.js';
import { PEOPLE, REQUEST_ID, requestAt } from '../support/app-requests.js';

/** The scene's clock is AT; a choice made this many minutes before it. */
const minutesBefore = (minutes: number) => new Date(Date.parse('2026-11-24T10:00:00.000Z') - minutes * 60_000).toISOString();

describe('the watchdog for requests stuck between states', () => {
  it('returns a booking whose job never came to the chair, with fresh proposals and a reason', async () => {
    const chosen = requestAt('chosen');
    const scene = await appScene({ ...chosen, meeting: { ...chosen.meeting!, chosen: { ...chosen.meeting!.chosen!, at: minutesBefore(20) } } });
    await scene.reservations.hold(chosen.meeting!.chosen!.date, chosen.meeting!.chosen!.caseIndexes, REQUEST_ID);

    const repairs = await makeRepairStuckRequests(scene.deps, 5)();

    expect(repairs).toEqual([{ requestId: REQUEST_ID, status: 'meeting_proposed', repair: 'returned_to_chair', since: minutesBefore(20) }]);
    const { request } = await scene.stored();
    expect(request.status).toBe('meeting_proposed');
    expect(request.meeting?.chosen).toBeUndefined();
    expect(scene.effects().map((e) => e.kind)).toContain('meeting_needed');
    expect(scene.notified.filter((n) => n.kind === 'booking_returned').map((n) => ('to' in n ? n.to : ''))).toEqual([PEOPLE.worker]);
    expect(await scene.reservations.heldBy(REQUEST_ID, '2026-01-01')).toEqual([]);
  });

  it('leaves a booking alone while its job may still be running', async () => {
    const chosen = requestAt('chosen');
    const scene = await appScene({ ...chosen, meeting: { ...chosen.meeting!, chosen: { ...chosen.meeting!.chosen!, at: minutesBefore(2) } } });
    expect(await makeRepairStuckRequests(scene.deps, 5)()).toEqual([]);
    expect((await scene.stored()).request.meeting?.chosen).toBeDefined();
    expect(scene.notified).toEqual([]);
  });

  it('asks for proposals for a request whose workers are all named and which never got any, once per version', async () => {
    const scene = await appScene(requestAt('named', { updatedAt: minutesBefore(30) }));
    const repair = makeRepairStuckRequests(scene.deps, 5);
    expect((await repair()).map((r) => r.repair)).toEqual(['proposals_asked']);
    await repair();
    const asked = scene.effects().filter((e) => e.kind === 'meeting_needed');
    // The same key twice: the queue runs it once.
    expect(new Set(asked.map((e) => e.key)).size).toBe(1);
  });
});
