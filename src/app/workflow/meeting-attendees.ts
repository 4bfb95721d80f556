import { participantsOf } from '../../domain/collaboration/follow-up.js';
import { err } from '../../domain/result.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { organizerOf } from './organizer.js';
import type { WorkflowDeps } from './workflow-deps.js';

/**
 * A booked meeting's attendees made the request's participants again after one of them changed:
 * one PATCH of the same event (Exchange invites those added and cancels for those left out);
 * repeated, it changes nothing. The organizer stays who made it, as Graph keeps it.
 */
export async function updateMeetingAttendees(deps: WorkflowDeps, request: CollaborationRequest): Promise<EffectOutcome> {
  const booked = request.status === 'booked' ? request.meeting?.booked : undefined;
  if (!booked || !deps.scheduling) return effectDone;
  const organizer = organizerOf(deps, deps.scheduling, request);
  if (!organizer) return err({ kind: 'permanent', code: 'booking.no_organizer' });
  const directory = deps.directory.current();
  const attendees = participantsOf(request).flatMap((id) => directory.person(id)?.email ?? []).filter((address) => address.toLowerCase() !== organizer.toLowerCase());
  await deps.scheduling.calendar.updateAttendees(organizer, booked.eventId, attendees);
  return effectDone;
}
