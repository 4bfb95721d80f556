import type { DescriptionDraft } from '../../domain/collaboration/description.js';
import { handOverChair } from '../../domain/collaboration/decisions.js';
import { mayActAsSender } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import type { UnitDirectory } from '../../domain/units/unit-directory.js';
import { organizerOf } from '../workflow/organizer.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision, type StepOptions } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** Whom the named workers reach now: the new chair's own work contact from the directory, never a client's. */
function contactOf(directory: UnitDirectory, personId: string, description: DescriptionDraft): DescriptionDraft {
  const person = directory.person(personId);
  if (!person) return description;
  const contact = [person.name, person.email, person.phone].filter(Boolean).join(', ');
  return { ...description, texts: { ...description.texts, senderContact: contact } };
}

/**
 * A meeting booked before bookings named their organizer was made in the old chair's calendar (or
 * the service mailbox): named now, so later moves and cancellations reach the event where it is.
 */
function keepOrganizer(deps: WorkflowDeps, before: CollaborationRequest, after: CollaborationRequest): CollaborationRequest {
  const booked = after.meeting?.booked;
  if (!booked || booked.organizer || !deps.scheduling) return after;
  const organizer = organizerOf(deps, deps.scheduling, before);
  return organizer ? { ...after, meeting: { ...after.meeting!, booked: { ...booked, organizer } } } : after;
}

/**
 * The chair, or the sending unit's lead, hands the case to another worker of the sending unit:
 * asked first (the new chair reads the description, the old one no longer sees the case), then
 * taken on the version confirmed. The description's sender contact becomes the new chair's.
 */
export function makeHandOverChair(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, newOwnerId: string, options: StepOptions = {}): Promise<Result<StoredRequest, WorkflowError>> => {
    let previousOwnerId = '';
    return applyDecision(deps, actor, requestId, {
      ...options,
      action: 'request.chair_handed_over',
      decide: ({ request, description }, at) => {
        const directory = deps.directory.current();
        const lead = request.sendingUnitId !== undefined && directory.isSupervisorOrDeputy(actor.id, request.sendingUnitId);
        if (!mayActAsSender(request, actor.id) && !lead) return err({ code: 'request.not_permitted' });
        previousOwnerId = request.ownerId;
        const handed = handOverChair(request, newOwnerId, directory, actor.id, at);
        if (!handed.ok) return handed;
        return ok({ request: keepOrganizer(deps, request, handed.value), description: contactOf(directory, newOwnerId, description) });
      },
      effects: ({ request }) => [stepEffect('chair', request, { kind: 'chair_handed_over', requestId, actorId: actor.id, previousOwnerId, ownerId: newOwnerId })],
    });
  };
}
