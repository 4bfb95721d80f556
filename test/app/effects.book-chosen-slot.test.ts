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
    expect(request.meeting?.booked).toEqual({ slot: SLOTS[0], eventId: 'event-1', joinUrl: 'https://teams.microsoft.com/l/meetup-join/1', bookedAt: AT });
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

  it("fails for good with 'booking.no_organizer' when the chair has no calendar, creating nothing", async () => {
    const scene = await appScene(requestAt('chosen', { ownerId: PEOPLE.stranger }));
    expect(await runEffect(scene.deps, effect)).toEqual({ ok: false, error: { kind: 'permanent', code: 'booking.no_organizer' } });
    expect(scene.calendar.created).toEqual([]);
    expect(scene.notified).toEqual([]);
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
    await scene.reservations.reserve(SLOTS[0]!.date, [0], REQUEST_ID);
    await runEffect(scene.deps, effect);
    expect(scene.calendar.created).toEqual([]);
    expect(scene.calendar.moved).toEqual([{ organizer: emailOf(PEOPLE.worker), eventId: EVENT_ID, startIso: SLOTS[2]!.start, endIso: SLOTS[2]!.end }]);
    expect(scene.reservations.holder(SLOTS[0]!.date, 0)).toBeUndefined();
    expect((await scene.stored()).request.meeting?.booked).toMatchObject({ slot: SLOTS[2], eventId: EVENT_ID });
  });

  it('cancels the new event and frees the slot when the request was withdrawn while the event was made', async () => {
    const scene = await appScene(requestAt('chosen'));
    await scene.reservations.reserve(SLOTS[0]!.date, [0], REQUEST_ID);
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
