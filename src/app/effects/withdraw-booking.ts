import { err } from '../../domain/result.js';
import { effectDone, type Effect, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { organizerOf } from '../workflow/organizer.js';
import type { Scheduling } from '../workflow/scheduling.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/**
 * A booking went back to the chair after its job had reached Graph: a create that timed out may
 * have made the event, a move may have moved it. No calendar may keep a meeting the request does
 * not have, nor show a kept meeting at a time it was not booked for. Both steps can be repeated.
 */
export async function withdrawBooking(
  deps: WorkflowDeps,
  scheduling: Scheduling,
  stored: StoredRequest,
  failed: Extract<Effect, { kind: 'withdraw_booking' }>,
): Promise<EffectOutcome> {
  const { request } = stored;
  const organizer = organizerOf(deps, scheduling, request);
  if (!organizer) return err({ kind: 'permanent', code: 'booking.no_organizer' });
  const kept = request.meeting?.booked;
  if (failed.movedFrom) {
    // Only the meeting the request still keeps is put back; one cancelled meanwhile is gone anyway.
    if (kept?.eventId === failed.movedFrom.eventId) await scheduling.calendar.moveMeeting(organizer, kept.eventId, kept.slot.start, kept.slot.end);
    return effectDone;
  }
  const made = await scheduling.calendar.findMeeting(organizer, failed.transactionId, failed.start, failed.end);
  // Booked again since under the same transaction id (the same time chosen again): that event is the request's.
  if (made && made !== kept?.eventId) await scheduling.calendar.cancelMeeting(organizer, made, scheduling.eventTexts(request.reference ?? '').cancelComment);
  return effectDone;
}
