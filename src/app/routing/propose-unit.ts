import { proposeUnit } from '../../domain/collaboration/decisions.js';
import { mayHandleUnit } from '../../domain/privacy/access-policy.js';
import { inspectFields } from '../../domain/privacy/identifier-guard.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** A receiving lead proposes a better-suited unit, with a reason the sending leads read. */
export function makeProposeUnit(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, fromUnit: string, toUnit: string, reason: string): Promise<Result<StoredRequest, WorkflowError>> => {
    const findings = inspectFields({ proposalReason: reason }, { contactFields: [] }).blocking;
    if (findings.length > 0) return err({ code: 'request.identifiers_found', findings });
    return applyDecision(deps, actor, requestId, {
      action: 'request.unit_proposed',
      unitId: fromUnit,
      decide: ({ request, description }, at) => {
        const directory = deps.directory.current();
        if (!mayHandleUnit(directory, actor.id, request, fromUnit)) return err({ code: 'request.not_permitted' });
        const proposed = proposeUnit(request, fromUnit, toUnit, directory, actor.id, at);
        if (!proposed.ok) return proposed;
        const proposalReasons = { ...description.proposalReasons, [fromUnit]: reason.trim() };
        return ok({ request: proposed.value, description: { ...description, proposalReasons } });
      },
      effects: ({ request }) => [stepEffect('proposed', request, { kind: 'unit_proposed', requestId, unitId: fromUnit })],
    });
  };
}
