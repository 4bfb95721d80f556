import { withdraw } from '../../domain/collaboration/decisions.js';
import { holdOf, holdWithoutParts } from '../../domain/collaboration/meeting.js';
import type { BookedMeeting } from '../../domain/collaboration/meeting-plan.js';
import { mayActAsSender } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import { descriptionPurge } from '../workflow/meeting-schedule.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision, type StepOptions } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** The worker withdraws; a booked meeting is cancelled for everyone with it. */
export function makeWithdrawRequest(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, options: StepOptions = {}): Promise<Result<StoredRequest, WorkflowError>> => {
    let bookedBefore: BookedMeeting | undefined;
    return applyDecision(deps, actor, requestId, {
      ...options,
      action: 'request.withdrawn',
      decide: ({ request, description }, at) => {
        if (!mayActAsSender(request, actor.id)) return err({ code: 'request.not_permitted' });
        bookedBefore = request.meeting?.booked;
        const withdrawn = withdraw(request, actor.id, at);
        return withdrawn.ok ? ok({ request: withdrawn.value, description }) : withdrawn;
      },
      effects: ({ request }) => {
        const booked = bookedBefore;
        return [
          stepEffect(
            'withdrawn',
            request,
            booked
              ? { kind: 'cancel_event', requestId, eventId: booked.eventId, ...holdWithoutParts(holdOf(request, booked.slot)), ...(booked.organizer && { organizer: booked.organizer }) }
              : { kind: 'cards_changed', requestId },
          ),
          descriptionPurge(deps, request),
        ];
      },
    });
  };
}
