import { describe, expect, it } from 'vitest';
import { runEffect } from '../../src/app/effects/run-effect.js';
import type { RequestLocks } from '../../src/app/ports.js';
import { appScene, type AppScene } from '../support/app-fakes.js';
import { AT, EVENT_ID, PEOPLE, REFERENCE, REQUEST_ID, SLOTS, requestAt } from '../support/app-requests.js';
import { directory } from '../support/people.js';

const effect = { kind: 'book', requestId: REQUEST_ID } as const;
const emailOf = (id: string) => directory.person(id)!.email!;
const participants = [PEOPLE.worker, PEOPLE.psychiatryMember, PEOPLE.healthMember];

/** Locks that cannot be had until `free()`: another instance holds the request. */
function contendedLocks(): RequestLocks & { free(): void } {
  let held = true;
  return { withLock: async (_id, work) => (held ? undefined : work()), free: () => void (held = false) };
}

describe('the booking job', () => {
  it("creates the Teams meeting in the chair's calendar, marks the request booked and tells everyone", async () => {
    const scene = await appScene(requestAt('chosen'));
    expect(await runEffect(scene.deps, effect)).toEqual({ ok: true, value: undefined });
    expect(scene.calendar.created).toEqual([
      {
        organizer: emailOf(PEOPLE.worker),
        subject: `Yhteistyöaika ${REFERENCE}`,
        bodyText: REFERENCE,
        startIso: SLOTS[0]!.start,
        endIso: SLOTS[0]!.end,
        attendees: [emailOf(PEOPLE.psychiatryMember), emailOf(PEOPLE.healthMember)],
        transactionId: `yt-${REQUEST_ID}-g1-2026-12-09-0`,
      },
    ]);
    const { request } = await scene.stored();
    expect(request.status).toBe('booked');
    expect(request.meeting?.booked).toEqual({ slot: SLOTS[0], eventId: 'event-1', joinUrl: 'https://teams.microsoft.com/l/meetup-join/1', bookedAt: AT, organizer: emailOf(PEOPLE.worker) });
    expect(scene.notified).toEqual(participants.map((to) => ({ kind: 'meeting_booked', to })));
    expect(scene.effects().map((e) => e.key)).toEqual([
      `check-${REQUEST_ID}-g1-${Math.floor(Date.parse(AT) / (30 * 60 * 1000))}`,
      `invite-${REQUEST_ID}-g1-2026-12-09`,
      `meeting-day-${REQUEST_ID}-g1-2026-12-09`,
    ]);
  });

  it("fails transiently with 'request.busy' while the request is held elsewhere, and a retry books the same event", async () => {
    const locks = contendedLocks();
    const scene = await appScene(requestAt('chosen'), { overrides: { locks } });
    expect(await runEffect(scene.deps, effect)).toEqual({ ok: false, error: { kind: 'transient', code: 'request.busy' } });
    expect((await scene.stored()).request.status).toBe('meeting_proposed');
    expect(scene.redrawn).toEqual([]);
    locks.free();
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    expect(scene.calendar.created).toHaveLength(1);
    expect((await scene.stored()).request.meeting?.booked?.eventId).toBe('event-1');
  });

  it('gives the case back to the chair, with the reason, when the chair has no calendar to book from', async () => {
    const scene = await appScene(requestAt('chosen', { ownerId: PEOPLE.stranger }));
    await scene.reservations.hold(SLOTS[0]!.date, [0], REQUEST_ID);
    expect(await runEffect(scene.deps, effect)).toEqual({ ok: true, value: undefined });
    expect(scene.calendar.created).toEqual([]);
    await expectGivenBack(scene, { chair: PEOPLE.stranger, reason: 'no_organizer', code: 'booking.no_organizer' });
  });

  it('gives the case back to the chair with fresh proposals when another case holds the chosen part, booking nothing', async () => {
    const scene = await appScene(requestAt('chosen'));
    await scene.reservations.hold(SLOTS[0]!.date, [0], 'another-request');
    expect(await runEffect(scene.deps, effect)).toEqual({ ok: true, value: undefined });
    expect(scene.calendar.created).toEqual([]);
    await expectGivenBack(scene, { chair: PEOPLE.worker, reason: 'slot_taken', code: 'request.slot_taken' });
    expect(scene.reservations.holder(SLOTS[0]!.date, 0)).toBe('another-request');
    // The fresh round offers what is free, not the part the other case holds.
    await runEffect(scene.deps, scene.queued.find((q) => q.effect.kind === 'meeting_needed')!.effect);
    const { meeting } = (await scene.stored()).request;
    expect(meeting?.generation).toBe(2);
    expect(meeting?.proposals.length).toBeGreaterThan(0);
    expect(meeting?.proposals.some((slot) => slot.date === SLOTS[0]!.date && slot.caseIndexes.includes(0))).toBe(false);
    expect(scene.notified.filter((n) => n.kind === 'meeting_proposed').map((n) => 'to' in n && n.to)).toContain(PEOPLE.worker);
  });

  it('books nothing for a choice the request no longer has, and leaves the new choice and its part alone', async () => {
    const scene = await appScene(requestAt('chosen'));
    await scene.reservations.hold(SLOTS[0]!.date, [0], REQUEST_ID);
    chooseAgainOnCreate(scene, 1);
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    expect(scene.calendar.cancelled).toMatchObject([{ eventId: 'event-1' }]);
    const { request } = await scene.stored();
    expect(request.status).toBe('meeting_proposed');
    expect(request.meeting?.chosen).toMatchObject(SLOTS[1]!);
    expect(scene.reservations.holder(SLOTS[0]!.date, 0)).toBeUndefined();
    expect(scene.reservations.holder(SLOTS[1]!.date, 1)).toBe(REQUEST_ID);
  });

  it('gives back the part a request held when it was withdrawn before its booking job ran', async () => {
    const scene = await appScene(requestAt('chosen', { status: 'withdrawn', withdrawn: { by: PEOPLE.worker, at: AT } }));
    await scene.reservations.hold(SLOTS[0]!.date, [0], REQUEST_ID);
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    expect(scene.calendar.created).toEqual([]);
    expect(scene.reservations.holder(SLOTS[0]!.date, 0)).toBeUndefined();
  });

  it('books from the service mailbox when one is configured, with the chair as an attendee', async () => {
    const scene = await appScene(requestAt('chosen', { ownerId: PEOPLE.stranger }), { schedulingOverrides: { organizerMailbox: 'yhteistyoaika@hyvinvointialue.example' } });
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    expect(scene.calendar.created[0]).toMatchObject({ organizer: 'yhteistyoaika@hyvinvointialue.example', attendees: [emailOf(PEOPLE.psychiatryMember), emailOf(PEOPLE.healthMember)] });
  });

  it('moves the event of a booked meeting to the new time and frees the old part of the slot', async () => {
    const booked = requestAt('booked');
    const moving = { ...booked, status: 'meeting_proposed' as const, meeting: { ...booked.meeting!, generation: 2, proposals: [SLOTS[2]!], chosen: { ...SLOTS[2]!, by: PEOPLE.worker, at: AT } } };
    const scene = await appScene(moving);
    await scene.reservations.hold(SLOTS[0]!.date, [0], REQUEST_ID);
    await runEffect(scene.deps, effect);
    expect(scene.calendar.created).toEqual([]);
    expect(scene.calendar.moved).toEqual([{ organizer: emailOf(PEOPLE.worker), eventId: EVENT_ID, startIso: SLOTS[2]!.start, endIso: SLOTS[2]!.end }]);
    expect(scene.reservations.holder(SLOTS[0]!.date, 0)).toBeUndefined();
    expect((await scene.stored()).request.meeting?.booked).toMatchObject({ slot: SLOTS[2], eventId: EVENT_ID });
  });

  it('cancels the new event and frees the slot when the request was withdrawn while the event was made', async () => {
    const scene = await appScene(requestAt('chosen'));
    await scene.reservations.hold(SLOTS[0]!.date, [0], REQUEST_ID);
    withdrawOnCreate(scene);
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    expect(scene.calendar.cancelled).toEqual([{ organizer: emailOf(PEOPLE.worker), eventId: 'event-1', comment: REFERENCE }]);
    expect(scene.reservations.holder(SLOTS[0]!.date, 0)).toBeUndefined();
    expect(scene.notified).toEqual([]);
  });

  it('does nothing for a request that is no longer waiting to be booked', async () => {
    const scene = await appScene(requestAt('proposed'));
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    expect(scene.calendar.created).toEqual([]);
  });
});

/** The case the job could not book is back with its chair: nothing chosen, nothing held, new times coming, the reason told once. */
async function expectGivenBack(scene: AppScene, expected: { chair: string; reason: string; code: string }): Promise<void> {
  const { request } = await scene.stored();
  expect(request.status).toBe('meeting_proposed');
  expect(request.meeting?.chosen).toBeUndefined();
  expect(request.meeting?.proposals).toEqual(SLOTS.slice(1));
  expect(await scene.reservations.heldBy(REQUEST_ID, AT.slice(0, 10))).toEqual([]);
  expect(scene.effects()).toEqual([
    { kind: 'meeting_needed', key: `booking-returned-${REQUEST_ID}-v${request.version}` },
    // Whatever an earlier run of the job may have made in Graph is looked for and cancelled; without an organizer none reached it.
    ...(expected.code === 'booking.no_organizer' ? [] : [{ kind: 'withdraw_booking', key: `withdraw-yt-${REQUEST_ID}-g1-${SLOTS[0]!.date}-0-v${request.version - 1}` }]),
  ]);
  const { start, end, date } = SLOTS[0]!;
  expect(scene.notified).toEqual([{ kind: 'booking_returned', to: expected.chair, slot: { date, start, end }, reason: expected.reason, code: expected.code }]);
  expect(scene.audited('request.booking_returned')).toMatchObject([{ actorId: 'yhteistyobotti', status: 'meeting_proposed' }]);
}

/** While Graph makes the event, the case goes back to the chair, who chooses the proposal at `index`. */
function chooseAgainOnCreate(scene: AppScene, index: number): void {
  const create = scene.calendar.createMeeting.bind(scene.calendar);
  scene.calendar.createMeeting = async (meeting) => {
    const booked = await create(meeting);
    const current = await scene.stored();
    const slot = SLOTS[index]!;
    await scene.reservations.hold(slot.date, slot.caseIndexes, REQUEST_ID);
    const meetingNow = { ...current.request.meeting!, chosen: { ...slot, by: PEOPLE.worker, at: AT } };
    await scene.requests.update({ ...current, request: { ...current.request, meeting: meetingNow, version: current.request.version + 2 } }, current.request.version);
    return booked;
  };
}

/** The worker withdraws the request between Graph creating the event and the booking being stored. */
function withdrawOnCreate(scene: AppScene): void {
  const create = scene.calendar.createMeeting.bind(scene.calendar);
  scene.calendar.createMeeting = async (meeting) => {
    const booked = await create(meeting);
    const current = await scene.stored();
    await scene.requests.update({ ...current, request: { ...current.request, status: 'withdrawn', version: current.request.version + 1 } }, current.request.version);
    return booked;
  };
}
