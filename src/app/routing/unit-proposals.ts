import { decideProposal, proposeUnit } from '../../domain/collaboration/decisions.js';
import { approvalRefusal, mayHandleUnit } from '../../domain/privacy/access-policy.js';
import { inspectFields } from '../../domain/privacy/identifier-guard.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../intake/intake-deps.js';
import type { StoredRequest } from '../ports.js';
import { applyDecision } from './apply-decision.js';
import { effectKey } from './effect-key.js';
import type { RoutingDeps, RoutingError } from './routing-deps.js';

/** A receiving lead proposes a better-suited unit, with a reason the sending leads read. */
export function makeProposeUnit(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string, fromUnit: string, toUnit: string, reason: string): Promise<Result<StoredRequest, RoutingError>> => {
    const findings = inspectFields({ proposalReason: reason }, { contactFields: [] }).blocking;
    if (findings.length > 0) return err({ code: 'request.identifiers_found', findings });
    const decided = await applyDecision(deps, actor, requestId, {
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
    });
    if (decided.ok) await deps.effects.enqueue({ kind: 'unit_proposed', requestId, unitId: fromUnit }, effectKey('proposed', decided.value.request));
    return decided;
  };
}

/** The sending supervisor accepts (the request moves to the proposed unit) or rejects (it stays binding). */
export function makeDecideProposal(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string, fromUnit: string, accept: boolean): Promise<Result<StoredRequest, RoutingError>> => {
    let toUnit: string | undefined;
    const decided = await applyDecision(deps, actor, requestId, {
      action: accept ? 'request.proposal_accepted' : 'request.proposal_rejected',
      unitId: fromUnit,
      decide: ({ request, description }, at) => {
        const refusal = approvalRefusal(deps.directory.current(), actor.id, request);
        if (refusal) return err(refusal);
        toUnit = request.units.find((u) => u.unitId === fromUnit)?.proposal?.unitId;
        const changed = decideProposal(request, fromUnit, accept, actor.id, at);
        return changed.ok ? ok({ request: changed.value, description }) : changed;
      },
    });
    if (!decided.ok) return decided;
    const { request } = decided.value;
    await deps.effects.enqueue(
      accept && toUnit ? { kind: 'routed', requestId, actorId: actor.id, unitIds: [toUnit] } : { kind: 'cards_changed', requestId },
      effectKey(accept ? 'proposal-accepted' : 'proposal-rejected', request),
    );
    return decided;
  };
}
