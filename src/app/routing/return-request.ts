import { returnToWorker } from '../../domain/collaboration/decisions.js';
import { approvalRefusal } from '../../domain/privacy/access-policy.js';
import { inspectFields } from '../../domain/privacy/identifier-guard.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** Returned with a comment: the worker edits and sends again, or withdraws. */
export function makeReturnRequest(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, comment: string): Promise<Result<StoredRequest, WorkflowError>> => {
    const findings = inspectFields({ returnComment: comment }, { contactFields: [] }).blocking;
    if (findings.length > 0) return err({ code: 'request.identifiers_found', findings });
    return applyDecision(deps, actor, requestId, {
      action: 'request.returned',
      decide: ({ request, description }, at) => {
        const refusal = approvalRefusal(deps.directory.current(), actor.id, request);
        if (refusal) return err(refusal);
        // The worker sees only this comment: returning without one would leave them guessing.
        if (!comment.trim()) return err({ code: 'request.comment_required' });
        const returned = returnToWorker(request, actor.id, at);
        return returned.ok ? ok({ request: returned.value, description: { ...description, returnComment: comment.trim() } }) : returned;
      },
      effects: ({ request }) => [stepEffect('returned', request, { kind: 'returned', requestId })],
    });
  };
}
