import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import type { Scheduling } from './scheduling.js';
import type { WorkflowDeps } from './workflow-deps.js';

/** The calendar the event lives in: the chair's, unless the county books from a service mailbox. */
export function organizerOf(deps: Pick<WorkflowDeps, 'directory'>, scheduling: Scheduling, request: CollaborationRequest): string | undefined {
  // A booked event stays in the calendar it was made in, whoever chairs now.
  return request.meeting?.booked?.organizer ?? scheduling.organizerMailbox ?? deps.directory.current().person(request.ownerId)?.email;
}

/** Participants by their mailbox address (lower case), for reading Graph's answers back as people. */
export function participantsByMailbox(deps: Pick<WorkflowDeps, 'directory'>, personIds: readonly string[]): Map<string, string> {
  const directory = deps.directory.current();
  return new Map(personIds.flatMap((id) => {
    const email = directory.person(id)?.email;
    return email ? [[email.toLowerCase(), id] as const] : [];
  }));
}
