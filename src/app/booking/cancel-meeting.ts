import { cancelMeeting, holdOf, holdWithoutParts, type SlotHold } from '../../domain/collaboration/meeting.js';
import { mayChairMeeting } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision, type StepOptions } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** The chair cancels: the event is cancelled for everyone and the parts of the slot are freed. */
export function makeCancelMeeting(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, options: StepOptions = {}): Promise<Result<StoredRequest, WorkflowError>> => {
    let cancelled: ({ eventId: string; organizer?: string | undefined } & SlotHold) | undefined;
    return applyDecision(deps, actor, requestId, {
      ...options,
      action: 'request.meeting_cancelled',
      decide: ({ request, description }, at) => {
        if (!mayChairMeeting(request, actor.id)) return err({ code: 'request.not_permitted' });
        const booked = request.meeting?.booked;
        const next = cancelMeeting(request, at);
        if (!next.ok || !booked) return next.ok ? err({ code: 'request.illegal_transition' }) : next;
        cancelled = { eventId: booked.eventId, ...holdWithoutParts(holdOf(request, booked.slot)), ...(booked.organizer && { organizer: booked.organizer }) };
        return ok({ request: next.value, description });
      },
      effects: ({ request }) => [cancelled && stepEffect('cancel', request, { kind: 'cancel_event', requestId, ...cancelled })],
    });
  };
}
