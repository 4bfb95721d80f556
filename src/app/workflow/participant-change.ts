import { participantsOf } from '../../domain/collaboration/follow-up.js';
import { err } from '../../domain/result.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { organizerOf } from './organizer.js';
import type { WorkflowDeps } from './workflow-deps.js';

/**
 * A participant changed (a named worker replaced, the chair handed over): the times the request
 * holds and a booked meeting's attendees follow. The meeting changes by one PATCH of the same
 * event (Exchange invites those added and cancels for those left out), the organizer staying who
 * made it, as Graph keeps it. Repeated, it changes nothing.
 */
export async function followParticipantChange(deps: WorkflowDeps, request: CollaborationRequest): Promise<EffectOutcome> {
  // The times the request holds hold its people as they are now: one who left is free then, one who joined is not.
  await deps.scheduling?.reservations.rehold(request.id, participantsOf(request));
  const booked = request.status === 'booked' ? request.meeting?.booked : undefined;
  if (!booked || !deps.scheduling) return effectDone;
  const organizer = organizerOf(deps, deps.scheduling, request);
  if (!organizer) return err({ kind: 'permanent', code: 'booking.no_organizer' });
  const directory = deps.directory.current();
  const attendees = participantsOf(request).flatMap((id) => directory.person(id)?.email ?? []).filter((address) => address.toLowerCase() !== organizer.toLowerCase());
  await deps.scheduling.calendar.updateAttendees(organizer, booked.eventId, attendees);
  return effectDone;
}
