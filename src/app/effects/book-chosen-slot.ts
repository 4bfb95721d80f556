import { participantsOf } from '../../domain/collaboration/follow-up.js';
import { bookingTransactionId, markBooked } from '../../domain/collaboration/meeting.js';
import { err, ok } from '../../domain/result.js';
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

/**
 * Creates the Teams meeting in the chair's calendar. The transaction id makes a retried create
 * return the first event, so a crash between Graph and our write books once.
 */
export async function bookChosenSlot(deps: WorkflowDeps, scheduling: Scheduling, stored: StoredRequest): Promise<EffectOutcome> {
  const { request } = stored;
  const chosen = request.meeting?.chosen;
  const transactionId = bookingTransactionId(request);
  // The job re-run after a crash past the write: the booking stands, what follows it may not have happened.
  if (request.status === 'booked' && request.meeting?.booked) return afterBooking(deps, stored);
  if (request.status !== 'meeting_proposed' || !chosen || !transactionId) return effectDone;
  const directory = deps.directory.current();
  const organizer = organizerOf(deps, scheduling, request);
  if (!organizer) return err({ kind: 'permanent', code: 'booking.no_organizer' });
  const previous = request.meeting?.booked;
  let booked: { eventId: string; joinUrl: string };
  if (previous) {
    // A move keeps the event and its Teams link: everyone's calendar entry changes in place.
    await scheduling.calendar.moveMeeting(organizer, previous.eventId, chosen.start, chosen.end);
    await scheduling.reservations.release(previous.slot.date, previous.slot.caseIndexes, request.id);
    booked = { eventId: previous.eventId, joinUrl: previous.joinUrl };
  } else {
    const texts = scheduling.eventTexts(request.reference ?? '');
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
    decide: (current, at) => {
      const next = markBooked(current.request, booked.eventId, booked.joinUrl, at);
      return next.ok ? ok({ ...current, request: next.value }) : next;
    },
  });
  // Contention is retried (the transaction id returns the same event); a request that moved on
  // meanwhile (withdrawn, cancelled) must not keep a meeting in anyone's calendar.
  if (!written.ok && written.error.code === 'request.busy') return err({ kind: 'transient', code: 'request.busy' });
  if (!written.ok) {
    if (!previous) await scheduling.calendar.cancelMeeting(organizer, booked.eventId, scheduling.eventTexts(request.reference ?? '').cancelComment);
    await scheduling.reservations.release(chosen.date, chosen.caseIndexes, request.id);
    return effectDone;
  }
  return afterBooking(deps, written.value);
}

/** Each step can be taken again: jobs have fixed ids and each participant is told once per round. */
async function afterBooking(deps: WorkflowDeps, stored: StoredRequest): Promise<EffectOutcome> {
  const { request } = stored;
  await enqueueAll(deps, [responseCheck(deps, request), inviteReminder(deps, request), meetingDay(request)]);
  await notifyOnce(deps, stored, `booked-${request.id}-g${request.meeting?.generation ?? 0}`, participantsOf(request), (to) => ({ kind: 'meeting_booked', to }));
  return effectDone;
}
