import { describe, expect, it } from 'vitest';
import { reportEffectFailure } from '../../src/app/effects/report-effect-failure.js';
import { appScene } from '../support/app-fakes.js';
import { AT, EVENT_ID, PEOPLE, REQUEST_ID, SLOTS, requestAt } from '../support/app-requests.js';

const book = { kind: 'book', requestId: REQUEST_ID } as const;
const cancel = { kind: 'cancel_event', requestId: REQUEST_ID, eventId: EVENT_ID, date: SLOTS[0]!.date, caseIndexes: [0] } as const;
const TODAY = AT.slice(0, 10);

describe('reporting a step that failed for good', () => {
  it('tells the chair which step failed and why, and redraws the cards', async () => {
    const scene = await appScene(requestAt('named'));
    await reportEffectFailure(scene.deps, cancel, 'graph.forbidden', 'job-1');
    expect(scene.notified).toEqual([{ kind: 'step_failed', to: PEOPLE.worker, step: 'cancel_event', code: 'graph.forbidden' }]);
    expect(scene.redrawn).toEqual([requestAt('named').version]);
  });

  it('tells the chair of one failure once, and of another failure again', async () => {
    const scene = await appScene(requestAt('named'));
    await reportEffectFailure(scene.deps, cancel, 'graph.forbidden', 'job-1');
    await reportEffectFailure(scene.deps, cancel, 'graph.forbidden', 'job-1');
    await reportEffectFailure(scene.deps, cancel, 'graph.forbidden', 'job-2');
    expect(scene.notified).toHaveLength(2);
  });

  it('says nothing of a request that no longer exists', async () => {
    const scene = await appScene(undefined);
    await reportEffectFailure(scene.deps, book, 'booking.no_organizer', 'job-1');
    expect([scene.notified, scene.redrawn]).toEqual([[], []]);
  });

  it('gives a booking Graph refused back to the chair: choice undone, part given back, new times coming, the reason told', async () => {
    const scene = await appScene(requestAt('chosen'));
    await scene.reservations.hold(SLOTS[0]!.date, [0], REQUEST_ID);
    await reportEffectFailure(scene.deps, book, 'graph.ErrorAccessDenied', 'job-1');
    const { request } = await scene.stored();
    expect(request.status).toBe('meeting_proposed');
    expect(request.meeting?.chosen).toBeUndefined();
    expect(request.meeting?.proposals).toEqual(SLOTS.slice(1));
    expect(await scene.reservations.heldBy(REQUEST_ID, TODAY)).toEqual([]);
    expect(scene.effects()).toEqual([
      { kind: 'meeting_needed', key: `booking-returned-${REQUEST_ID}-v${request.version}` },
      // Whatever an earlier run of the job may have made in Graph is looked for and cancelled.
      { kind: 'withdraw_booking', key: `withdraw-yt-${REQUEST_ID}-g1-${SLOTS[0]!.date}-0-v${request.version - 1}` },
    ]);
    const { date, start, end } = SLOTS[0]!;
    expect(scene.notified).toEqual([{ kind: 'booking_returned', to: PEOPLE.worker, slot: { date, start, end }, reason: 'calendar_failed', code: 'graph.ErrorAccessDenied' }]);
    expect(scene.redrawn).toEqual([request.version]);
  });

  it('gives a booking whose tries ran out on contention back as not stored', async () => {
    const scene = await appScene(requestAt('chosen'));
    await reportEffectFailure(scene.deps, book, 'request.busy', 'job-1');
    expect(scene.notified).toMatchObject([{ kind: 'booking_returned', reason: 'not_stored' }]);
  });

  it('keeps the booked meeting and its part when a move failed, giving back only the new time', async () => {
    const booked = requestAt('booked');
    const moving = { ...booked, status: 'meeting_proposed' as const, meeting: { ...booked.meeting!, generation: 2, proposals: [SLOTS[2]!], chosen: { ...SLOTS[2]!, by: PEOPLE.worker, at: AT } } };
    const scene = await appScene(moving);
    await scene.reservations.hold(SLOTS[0]!.date, [0], REQUEST_ID);
    await scene.reservations.hold(SLOTS[2]!.date, [0], REQUEST_ID);
    await reportEffectFailure(scene.deps, book, 'graph.ErrorItemNotFound', 'job-1');
    const { request } = await scene.stored();
    expect(request.status).toBe('meeting_proposed');
    expect(request.meeting).toMatchObject({ booked: booked.meeting!.booked, proposals: [] });
    expect(request.meeting?.chosen).toBeUndefined();
    expect(await scene.reservations.heldBy(REQUEST_ID, TODAY)).toEqual([{ unitId: 'perhesosiaalityo', date: SLOTS[0]!.date, caseIndexes: [0] }]);
    expect(scene.effects().map((e) => e.kind)).toEqual(['meeting_needed', 'withdraw_booking']);
    // The kept meeting is put back to its booked time, should the move have reached Graph.
    expect(scene.queued.find((q) => q.effect.kind === 'withdraw_booking')?.effect).toMatchObject({ movedFrom: { eventId: booked.meeting!.booked!.eventId, start: SLOTS[0]!.start } });
  });

  it('tells of a failed booking job as a failed step when the booking stands', async () => {
    const scene = await appScene(requestAt('booked'));
    await reportEffectFailure(scene.deps, book, 'graph.unavailable', 'job-1');
    expect(scene.notified).toEqual([{ kind: 'step_failed', to: PEOPLE.worker, step: 'book', code: 'graph.unavailable' }]);
    expect((await scene.stored()).request).toEqual(requestAt('booked'));
  });
});
