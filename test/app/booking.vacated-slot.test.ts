import { describe, expect, it } from 'vitest';
import { makeRescheduleMeeting } from '../../src/app/booking/ask-for-proposals.js';
import { makeCancelMeeting } from '../../src/app/booking/cancel-meeting.js';
import { makeChooseMeetingSlot } from '../../src/app/booking/choose-meeting-slot.js';
import type { Effect } from '../../src/app/effect.js';
import { runEffect } from '../../src/app/effects/run-effect.js';
import type { ProposedSlot } from '../../src/domain/collaboration/meeting-plan.js';
import { RedisSlotReservations } from '../../src/store/redis-slot-reservations.js';
import { appScene, type AppScene } from '../support/app-fakes.js';
import { DESCRIBED, EVENT_ID, PEOPLE, REQUEST_ID, SLOTS, actor, requestAt } from '../support/app-requests.js';
import { sharedRedis } from '../support/shared-redis.js';

/**
 * Issue #13: a request (A) was booked, moved and cancelled; the next case (B) chose the time A had
 * vacated. The times A held must be free again, for B's choice and for B's booking.
 */
const { redis, prefix } = sharedRedis();
const SECOND_ID = 'app-request-000000002';

/** The usual scene with the Yhteistyöaika reservations in Redis, A booked into the first slot. */
async function bookedScene() {
  const reservations = new RedisSlotReservations(redis, prefix());
  const scene = await appScene(requestAt('booked'), { schedulingOverrides: { reservations } });
  await reservations.reserve({ unitId: 'perhesosiaalityo', ...SLOTS[0]!, parts: 2, participants: [] }, REQUEST_ID);
  return { scene, reservations };
}

/** Runs the queued jobs of the given kinds in the order they were queued, as the worker would. */
async function runQueued(scene: AppScene, ...kinds: Effect['kind'][]): Promise<void> {
  for (let i = scene.queued.findIndex((q) => kinds.includes(q.effect.kind)); i >= 0; i = scene.queued.findIndex((q) => kinds.includes(q.effect.kind))) {
    const [next] = scene.queued.splice(i, 1);
    await runEffect(scene.deps, next!.effect);
  }
}

/** A moves its meeting: new times are proposed and the chair chooses the first. Answers the time chosen. */
async function moveToFirstProposal(scene: AppScene): Promise<ProposedSlot> {
  expect((await makeRescheduleMeeting(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
  await runQueued(scene, 'meeting_needed');
  expect((await makeChooseMeetingSlot(scene.deps)(actor(PEOPLE.worker), REQUEST_ID, 0)).ok).toBe(true);
  return (await scene.stored()).request.meeting!.chosen!;
}

/** B, a second request of the same chair, was offered `slots` before A let them go. */
async function offeredToSecond(scene: AppScene, slots: readonly ProposedSlot[]): Promise<void> {
  const proposed = requestAt('proposed');
  await scene.requests.create({ request: { ...proposed, id: SECOND_ID, reference: 'YT-2026-0043', meeting: { generation: 1, proposals: slots, skipped: [] } }, description: DESCRIBED });
}

/** B's chair chooses the first offered time and the booking job runs. */
async function secondChoosesAndBooks(scene: AppScene) {
  const chosen = await makeChooseMeetingSlot(scene.deps)(actor(PEOPLE.worker), SECOND_ID, 0);
  await runQueued(scene, 'book');
  return { chosen, stored: (await scene.requests.get(SECOND_ID))!.request };
}

describe('a time vacated by a moved and cancelled meeting', () => {
  it('is booked for the next case once the move was made and the meeting then cancelled', async () => {
    const { scene, reservations } = await bookedScene();
    const moved = await moveToFirstProposal(scene);
    await runQueued(scene, 'book');
    expect((await scene.stored()).request.meeting?.booked?.slot).toMatchObject({ date: moved.date, caseIndexes: moved.caseIndexes });
    expect((await makeCancelMeeting(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
    await runQueued(scene, 'cancel_event');
    await offeredToSecond(scene, [moved]);

    const { chosen, stored } = await secondChoosesAndBooks(scene);
    expect(chosen.ok).toBe(true);
    expect(stored.status).toBe('booked');
    expect(stored.meeting?.booked).toMatchObject({ slot: { date: moved.date, caseIndexes: moved.caseIndexes } });
    expect(await reservations.heldBy(REQUEST_ID, SLOTS[0]!.date)).toEqual([]);
  });

  it('is booked for the next case when the meeting was cancelled before the move was booked', async () => {
    const { scene, reservations } = await bookedScene();
    const moved = await moveToFirstProposal(scene);
    expect((await makeCancelMeeting(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
    // The move's booking job comes late, after the cancellation's, which already gave back both times.
    await runQueued(scene, 'cancel_event');
    expect(await reservations.heldBy(REQUEST_ID, SLOTS[0]!.date)).toEqual([]);
    await runQueued(scene, 'book');
    expect(scene.calendar.moved).toEqual([]);
    expect(scene.calendar.cancelled).toMatchObject([{ eventId: EVENT_ID }]);
    await offeredToSecond(scene, [moved]);

    const { chosen, stored } = await secondChoosesAndBooks(scene);
    expect(chosen.ok).toBe(true);
    expect(stored.status).toBe('booked');
    expect(stored.meeting?.booked?.slot).toMatchObject({ date: moved.date, caseIndexes: moved.caseIndexes });
    expect(await reservations.heldBy(REQUEST_ID, SLOTS[0]!.date)).toEqual([]);
  });

  it('is offered again, whole, to the next case once the meeting was cancelled before the move was booked', async () => {
    const { scene, reservations } = await bookedScene();
    const moved = await moveToFirstProposal(scene);
    expect(moved.date).toBe(SLOTS[0]!.date);
    expect((await makeCancelMeeting(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
    await runQueued(scene, 'book', 'cancel_event');
    // B needs the whole occurrence A's meeting and its new time shared: both parts must be free.
    const proposed = requestAt('proposed');
    await scene.requests.create({ request: { ...proposed, id: SECOND_ID, meeting: { ...proposed.meeting!, wholeSlot: true } }, description: DESCRIBED });
    await runEffect(scene.deps, { kind: 'meeting_needed', requestId: SECOND_ID });
    expect((await scene.requests.get(SECOND_ID))!.request.meeting?.proposals[0]).toMatchObject({ date: SLOTS[0]!.date, caseIndexes: [0, 1] });
    expect(await reservations.heldBy(REQUEST_ID, SLOTS[0]!.date)).toEqual([]);
  });

  it('is free again when the meeting is cancelled while the move is being made in the calendar', async () => {
    const { scene, reservations } = await bookedScene();
    const moved = await moveToFirstProposal(scene);
    const move = scene.calendar.moveMeeting.bind(scene.calendar);
    scene.calendar.moveMeeting = async (...args) => {
      await move(...args);
      expect((await makeCancelMeeting(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
    };
    await runQueued(scene, 'book', 'cancel_event');
    expect((await scene.stored()).request.status).toBe('routed');
    expect(scene.calendar.cancelled).toMatchObject([{ eventId: EVENT_ID }]);
    await offeredToSecond(scene, [moved]);

    const { stored } = await secondChoosesAndBooks(scene);
    expect(stored.status).toBe('booked');
    expect(await reservations.heldBy(REQUEST_ID, SLOTS[0]!.date)).toEqual([]);
  });
});
