import { participantsOf } from '../../domain/collaboration/follow-up.js';
import { bookingOf, bookingTransactionId, markBooked } from '../../domain/collaboration/meeting.js';
import { err, ok } from '../../domain/result.js';
import { releaseUnclaimedSlots } from '../booking/release-unclaimed-slots.js';
import { returnBookingToChair } from '../booking/return-booking.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { BOT_ACTOR } from '../workflow/bot-actor.js';
import { enqueueAll } from '../workflow/effect-key.js';
import { meetingDay, responseCheck } from '../workflow/meeting-schedule.js';
import { notifyOnce } from '../workflow/notify-once.js';
import { organizerOf } from '../workflow/organizer.js';
import { inviteReminder } from '../workflow/reminder-schedule.js';
import type { Scheduling } from '../workflow/scheduling.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

const busy: EffectOutcome = err({ kind: 'transient', code: 'request.busy' });

/**
 * Creates the Teams meeting in the chair's calendar. The transaction id makes a retried create
 * return the first event, so a crash between Graph and our write books once. A booking that
 * cannot be made goes back to the chair with fresh proposals; a failure thrown from Graph does so
 * through the report of the failed job. No run ends with the request waiting for a booking that
 * is not coming.
 */
export async function bookChosenSlot(deps: WorkflowDeps, scheduling: Scheduling, stored: StoredRequest): Promise<EffectOutcome> {
  const { request } = stored;
  const chosen = request.meeting?.chosen;
  const transactionId = bookingTransactionId(request);
  // The job re-run after a crash past the write: the booking stands, what follows it may not have happened.
  if (request.status === 'booked' && request.meeting?.booked) return (await releaseUnclaimedSlots(deps, scheduling, request.id)).ok ? afterBooking(deps, stored) : busy;
  // Cancelled, withdrawn or given back before the job ran: the time it held for this booking is not needed.
  if (request.status !== 'meeting_proposed' || !chosen || !transactionId) return (await releaseUnclaimedSlots(deps, scheduling, request.id)).ok ? effectDone : busy;
  const organizer = organizerOf(deps, scheduling, request);
  if (!organizer) return giveBack(deps, scheduling, request.id, 'booking.no_organizer');
  // Taken again, not just trusted: reserving is idempotent for the holder, and a part given away
  // meanwhile (the hold released by mistake, another case in it) must not get a second meeting.
  if (!(await scheduling.reservations.reserve(bookingOf(request, chosen), request.id))) return giveBack(deps, scheduling, request.id, 'request.slot_taken');
  const previous = request.meeting?.booked;
  let booked: { eventId: string; joinUrl: string };
  if (previous) {
    // A move keeps the event and its Teams link: everyone's calendar entry changes in place.
    await scheduling.calendar.moveMeeting(organizer, previous.eventId, chosen.start, chosen.end);
    booked = { eventId: previous.eventId, joinUrl: previous.joinUrl };
  } else {
    const texts = scheduling.eventTexts(request.reference ?? '');
    const directory = deps.directory.current();
    booked = await scheduling.calendar.createMeeting({
      organizer,
      subject: texts.subject,
      bodyText: texts.body,
      startIso: chosen.start,
      endIso: chosen.end,
      attendees: participantsOf(request)
        .flatMap((id) => directory.person(id)?.email ?? [])
        .filter((address) => address.toLowerCase() !== organizer.toLowerCase()),
      transactionId,
    });
  }
  const written = await applyDecision(deps, BOT_ACTOR, request.id, {
    action: 'request.booked',
    // Stored after Graph created or moved the event: under the lock, as the steps that give its times back are.
    exclusive: true,
    decide: (current, at) => {
      // The request was given back and a time chosen again while this run was in Graph: that choice has a job of its own.
      if (bookingTransactionId(current.request) !== transactionId) return err({ code: 'request.illegal_transition' });
      const next = markBooked(current.request, booked.eventId, booked.joinUrl, at, organizer);
      return next.ok ? ok({ ...current, request: next.value }) : next;
    },
  });
  // Contention is retried (the transaction id returns the same event).
  if (!written.ok && written.error.code === 'request.busy') return busy;
  if (!written.ok) {
    // The request moved on meanwhile (withdrawn, cancelled, given back): no calendar keeps a meeting it does not have.
    const now = (await deps.requests.get(request.id))?.request;
    if (!previous) await scheduling.calendar.cancelMeeting(organizer, booked.eventId, scheduling.eventTexts(request.reference ?? '').cancelComment);
    // Given back to the chair mid-move: the meeting it keeps goes back to its booked time.
    else if (now?.status === 'meeting_proposed' && now.meeting?.booked?.eventId === previous.eventId) await scheduling.calendar.moveMeeting(organizer, previous.eventId, previous.slot.start, previous.slot.end);
    return (await releaseUnclaimedSlots(deps, scheduling, request.id)).ok ? effectDone : busy;
  }
  // A move's old time is given back only now: had the write failed, the meeting would still be
  // there. Held elsewhere, the retry finds the request booked and gives it back then.
  if (!(await releaseUnclaimedSlots(deps, scheduling, request.id)).ok) return busy;
  return afterBooking(deps, written.value);
}

/** The case goes back to the chair; held elsewhere, the job tries again and finds it as it is then. */
async function giveBack(deps: WorkflowDeps, scheduling: Scheduling, requestId: string, code: string): Promise<EffectOutcome> {
  const returned = await returnBookingToChair(deps, scheduling, requestId, code);
  if (returned.ok) return effectDone;
  if (returned.error.code === 'request.busy') return busy;
  // It moved on meanwhile (cancelled, withdrawn): what it held for the booking is given back all the same.
  return (await releaseUnclaimedSlots(deps, scheduling, requestId)).ok ? effectDone : busy;
}

/** Each step can be taken again: jobs have fixed ids and each participant is told once per round. */
async function afterBooking(deps: WorkflowDeps, stored: StoredRequest): Promise<EffectOutcome> {
  const { request } = stored;
  await enqueueAll(deps, [responseCheck(deps, request), inviteReminder(deps, request), meetingDay(request)]);
  await notifyOnce(deps, stored, `booked-${request.id}-g${request.meeting?.generation ?? 0}`, participantsOf(request), (to) => ({ kind: 'meeting_booked', to }));
  return effectDone;
}
