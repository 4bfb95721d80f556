import { askWholeSlot } from '../../domain/collaboration/meeting.js';
import { mayChairMeeting } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { proposalsNeeded } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** The chair asks for the whole Yhteistyöaika (all its parts) for this case: the proposals are made again. */
export function makeAskWholeSlot(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, WorkflowError>> => {
    return applyDecision(deps, actor, requestId, {
      action: 'request.meeting_proposed',
      decide: ({ request, description }, at) => {
        if (!mayChairMeeting(request, actor.id)) return err({ code: 'request.not_permitted' });
        const next = askWholeSlot(request, at);
        return next.ok ? ok({ request: next.value, description }) : next;
      },
      effects: ({ request }) => [proposalsNeeded('whole-slot', request)],
    });
  };
}
