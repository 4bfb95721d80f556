import { participantsOf } from '../../domain/collaboration/follow-up.js';
import type { SlotHold } from '../../domain/collaboration/meeting.js';
import { err } from '../../domain/result.js';
import { releaseUnclaimedSlots } from '../booking/release-unclaimed-slots.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce } from '../workflow/notify-once.js';
import { organizerOf } from '../workflow/organizer.js';
import type { Scheduling } from '../workflow/scheduling.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/** Cancels the calendar event with a comment that carries only the reference, gives back every part the request held for it, and tells everyone. */
export async function cancelEvent(
  deps: WorkflowDeps,
  scheduling: Scheduling,
  stored: StoredRequest,
  event: { eventId: string; organizer?: string | undefined } & SlotHold,
): Promise<EffectOutcome> {
  const organizer = event.organizer ?? organizerOf(deps, scheduling, stored.request);
  if (!organizer) return err({ kind: 'permanent', code: 'booking.no_organizer' });
  // Whatever else the request held is not needed now: the new time of a move cancelled before it
  // was booked most of all. The event's own time stays held until the event is gone. First, so a
  // retry after contention repeats nothing.
  if (!(await releaseUnclaimedSlots(deps, scheduling, stored.request.id, [event])).ok) return err({ kind: 'transient', code: 'request.busy' });
  await scheduling.calendar.cancelMeeting(organizer, event.eventId, scheduling.eventTexts(stored.request.reference ?? '').cancelComment);
  await scheduling.reservations.release(event, stored.request.id);
  await notifyOnce(deps, stored, `cancelled-${stored.request.id}-${event.eventId}-${event.date}`, participantsOf(stored.request), (to) => ({ kind: 'meeting_cancelled', to }));
  return effectDone;
}
