import { approve, route } from '../../domain/collaboration/decisions.js';
import { approvalRefusal } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/**
 * The sending supervisor (or a deputy, or the escalation; never the filer) approves: the request
 * becomes binding and goes to every collaboration unit's channel, or to its leads in person where
 * the unit has no channel, each unit by a job of its own.
 */
export function makeApproveRequest(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, WorkflowError>> => {
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.approved',
      decide: ({ request, description }, at) => {
        const refusal = approvalRefusal(deps.directory.current(), actor.id, request);
        if (refusal) return err(refusal);
        const approved = approve(request, actor.id, at);
        if (!approved.ok) return approved;
        const routed = route(approved.value, at);
        return routed.ok ? ok({ request: routed.value, description }) : routed;
      },
      // One job per receiving unit, queued in the same write: the units are reached side by side,
      // and a unit Teams refuses for now is retried without holding up the others.
      effects: ({ request }) =>
        request.collaborationUnitIds.map((unitId) => stepEffect(`routed-${unitId}`, request, { kind: 'routed', requestId, actorId: actor.id, unitIds: [unitId] })),
    });
    return decided;
  };
}
