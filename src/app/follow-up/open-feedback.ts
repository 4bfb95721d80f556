import { feedbackAskedOf, handledOutcome } from '../../domain/collaboration/follow-up.js';
import { err, ok } from '../../domain/result.js';
import type { Actor } from '../ports.js';
import { recordDenied } from '../workflow/apply-decision.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/** The feedback card for one person: the meeting must be theirs and the case still open. */
export function makeOpenFeedback(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, generation: number) => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' as const });
    const outcome = handledOutcome(stored.request, generation);
    if (!outcome || !feedbackAskedOf(outcome).includes(actor.id)) {
      await recordDenied(deps, actor, requestId);
      return err({ code: 'feedback.not_participant' as const });
    }
    if (stored.request.status === 'closed' || stored.request.status === 'withdrawn') return err({ code: 'feedback.closed' as const });
    const feedback = deps.followUp.feedback;
    const own = await feedback.answerOf(actor.id, requestId, generation);
    const client = outcome.recordedBy === actor.id ? await feedback.answerOf('client', requestId, generation) : undefined;
    return ok({ stored, own, clientRating: client?.scores.client });
  };
}
