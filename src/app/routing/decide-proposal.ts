import { decideProposal } from '../../domain/collaboration/decisions.js';
import { approvalRefusal } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** The sending supervisor accepts (the request moves to the proposed unit) or rejects (it stays binding). */
export function makeDecideProposal(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, fromUnit: string, accept: boolean): Promise<Result<StoredRequest, WorkflowError>> => {
    let toUnit: string | undefined;
    return applyDecision(deps, actor, requestId, {
      action: accept ? 'request.proposal_accepted' : 'request.proposal_rejected',
      unitId: fromUnit,
      decide: ({ request, description }, at) => {
        const refusal = approvalRefusal(deps.directory.current(), actor.id, request);
        if (refusal) return err(refusal);
        toUnit = request.units.find((u) => u.unitId === fromUnit)?.proposal?.unitId;
        const changed = decideProposal(request, fromUnit, accept, actor.id, at);
        return changed.ok ? ok({ request: changed.value, description }) : changed;
      },
      effects: ({ request }) => [
        stepEffect(
          accept ? 'proposal-accepted' : 'proposal-rejected',
          request,
          accept && toUnit ? { kind: 'routed', requestId, actorId: actor.id, unitIds: [toUnit] } : { kind: 'cards_changed', requestId },
        ),
      ],
    });
  };
}
