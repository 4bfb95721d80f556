import { decideProposal, proposeUnit } from '../../domain/collaboration/decisions.js';
import { mayApprove, mayHandleUnit, unitLeads } from '../../domain/privacy/access-policy.js';
import { inspectFields } from '../../domain/privacy/identifier-guard.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../intake/intake-deps.js';
import type { StoredRequest } from '../ports.js';
import { applyDecision } from './apply-decision.js';
import { recordDisclosures } from './disclose.js';
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
    if (!decided.ok) return decided;
    for (const lead of unitLeads(deps.directory.current(), decided.value.request.sendingUnitId ?? '')) {
      await deps.notifier.notify(decided.value, { kind: 'unit_proposed', to: lead, unitId: fromUnit });
    }
    await deps.notifier.refreshCards(decided.value);
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
        if (!mayApprove(deps.directory.current(), actor.id, request)) return err({ code: 'request.not_permitted' });
        toUnit = request.units.find((u) => u.unitId === fromUnit)?.proposal?.unitId;
        const changed = decideProposal(request, fromUnit, accept, actor.id, at);
        return changed.ok ? ok({ request: changed.value, description }) : changed;
      },
    });
    if (!decided.ok) return decided;
    if (accept && toUnit) {
      const delivery = await deps.notifier.notify(decided.value, { kind: 'routed_to_unit', unitId: toUnit });
      await recordDisclosures(deps, decided.value, delivery, actor.id);
    }
    await deps.notifier.refreshCards(decided.value);
    return decided;
  };
}
