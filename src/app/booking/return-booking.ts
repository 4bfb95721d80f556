import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { bookingTransactionId, returnBooking, type BookingFailure } from '../../domain/collaboration/meeting.js';
import type { ProposedSlot } from '../../domain/collaboration/meeting-plan.js';
import { ok, type Result } from '../../domain/result.js';
import type { QueuedEffect } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { BOT_ACTOR } from '../workflow/bot-actor.js';
import { proposalsNeeded } from '../workflow/effect-key.js';
import { notifyOnce } from '../workflow/notify-once.js';
import type { Scheduling } from '../workflow/scheduling.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';
import { releaseUnclaimedSlots } from './release-unclaimed-slots.js';

/** How the chair hears of a job's failure code: the few the bot knows, and the calendar for the rest. */
export function bookingFailureOf(code: string): BookingFailure {
  if (code === 'request.slot_taken') return 'slot_taken';
  if (code === 'booking.no_organizer') return 'no_organizer';
  if (code === 'request.busy') return 'not_stored';
  return 'calendar_failed';
}

/**
 * A booking that cannot be made goes back to the chair instead of waiting for a job that is not
 * coming: the choice is undone, the time it held is given back, fresh proposals are made and the
 * chair is told why in one line. Refused ('request.illegal_transition') when the request no
 * longer waits for a booking; the caller redraws the cards.
 */
export async function returnBookingToChair(
  deps: WorkflowDeps,
  scheduling: Scheduling,
  requestId: string,
  code: string,
): Promise<Result<StoredRequest, WorkflowError>> {
  let failed: ProposedSlot | undefined;
  let withdraw: QueuedEffect | undefined;
  const returned = await applyDecision(deps, BOT_ACTOR, requestId, {
    action: 'request.booking_returned',
    decide: (current, at) => {
      failed = current.request.meeting?.chosen;
      // Without an organizer the job never reached a calendar.
      withdraw = code === 'booking.no_organizer' ? undefined : withdrawal(current.request);
      const next = returnBooking(current.request, at);
      return next.ok ? ok({ ...current, request: next.value }) : next;
    },
    // Fresh proposals commit with the return: the chair is never left without times to choose from,
    // and no calendar is left with an event the failed job may have made.
    effects: ({ request }) => [proposalsNeeded('booking-returned', request), withdraw],
  });
  if (!returned.ok || !failed) return returned;
  const { request } = returned.value;
  const slot = { date: failed.date, start: failed.start, end: failed.end };
  // Given back only once the request no longer waits for it; a lock held elsewhere leaves the part
  // to the next job of the request (its booking job or the watchdog), which gives back what is left over.
  await releaseUnclaimedSlots(deps, scheduling, requestId);
  await notifyOnce(deps, returned.value, `booking-returned-${requestId}-v${request.version}`, [request.ownerId], (to) => ({
    kind: 'booking_returned',
    to,
    slot,
    reason: bookingFailureOf(code),
    code,
  }));
  return returned;
}

/** What the failed booking may have left in the calendar: a new event under its transaction id, or a moved one. */
function withdrawal(request: CollaborationRequest): QueuedEffect | undefined {
  const chosen = request.meeting?.chosen;
  const transactionId = bookingTransactionId(request);
  if (!chosen || !transactionId) return undefined;
  const booked = request.meeting?.booked;
  const movedFrom = booked && { eventId: booked.eventId, start: booked.slot.start, end: booked.slot.end };
  return {
    effect: { kind: 'withdraw_booking', requestId: request.id, transactionId, start: chosen.start, end: chosen.end, movedFrom },
    key: `withdraw-${transactionId}-v${request.version}`,
  };
}
