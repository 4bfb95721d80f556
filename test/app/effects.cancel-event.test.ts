import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/app/effect.js';
import { runEffect } from '../../src/app/effects/run-effect.js';
import { appScene } from '../support/app-fakes.js';
import { EVENT_ID, PEOPLE, REFERENCE, REQUEST_ID, SLOTS, requestAt } from '../support/app-requests.js';
import { directory } from '../support/people.js';

const effect: Effect = { kind: 'cancel_event', requestId: REQUEST_ID, eventId: EVENT_ID, date: SLOTS[0]!.date, caseIndexes: [0] };
/** The chair cancelled: the request waits for a time again, its event still in the calendars. */
const cancelled = requestAt('named', { meeting: { generation: 1, proposals: [], skipped: [] } });

describe('the cancellation job', () => {
  it('cancels the event with nothing but the reference, frees the slot and tells everyone once', async () => {
    const scene = await appScene(cancelled);
    await scene.reservations.hold(SLOTS[0]!.date, [0], REQUEST_ID);
    expect(await runEffect(scene.deps, effect)).toEqual({ ok: true, value: undefined });
    await runEffect(scene.deps, effect);
    expect(scene.calendar.cancelled[0]).toEqual({ organizer: directory.person(PEOPLE.worker)!.email, eventId: EVENT_ID, comment: REFERENCE });
    expect(scene.reservations.holder(SLOTS[0]!.date, 0)).toBeUndefined();
    expect(scene.notified).toEqual([PEOPLE.worker, PEOPLE.psychiatryMember, PEOPLE.healthMember].map((to) => ({ kind: 'meeting_cancelled', to })));
    expect(scene.redrawn).toHaveLength(2);
  });

  it("keeps the part of the slot another case holds", async () => {
    const scene = await appScene(cancelled);
    await scene.reservations.hold(SLOTS[0]!.date, [0], 'another-request');
    await runEffect(scene.deps, effect);
    expect(scene.reservations.holder(SLOTS[0]!.date, 0)).toBe('another-request');
  });

  it("fails for good with 'booking.no_organizer' when the event's calendar is unknown, cancelling nothing", async () => {
    const scene = await appScene({ ...cancelled, ownerId: PEOPLE.stranger });
    expect(await runEffect(scene.deps, effect)).toEqual({ ok: false, error: { kind: 'permanent', code: 'booking.no_organizer' } });
    expect(scene.calendar.cancelled).toEqual([]);
    expect(scene.redrawn).toEqual([]);
  });

  it('does nothing where Graph is not configured', async () => {
    const scene = await appScene(cancelled, { scheduling: false });
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    expect(scene.notified).toEqual([]);
  });
});
