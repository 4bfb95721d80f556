import { approve, returnToWorker, route, withdraw } from '../../domain/collaboration/decisions.js';
import { mayApprove, unitLeads } from '../../domain/privacy/access-policy.js';
import { inspectFields } from '../../domain/privacy/identifier-guard.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../intake/intake-deps.js';
import type { Delivery, StoredRequest } from '../ports.js';
import { applyDecision } from './apply-decision.js';
import { recordDisclosures } from './disclose.js';
import type { RoutingDeps, RoutingError } from './routing-deps.js';

export interface Approved {
  readonly stored: StoredRequest;
  readonly deliveries: readonly { readonly unitId: string; readonly delivery: Delivery }[];
}

/**
 * The sending supervisor (or a deputy) approves: the request becomes binding and goes to every
 * collaboration unit's channel, or to its leads in person where the unit has no channel.
 */
export function makeApproveRequest(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<Approved, RoutingError>> => {
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.approved',
      decide: ({ request, description }, at) => {
        if (!mayApprove(deps.directory.current(), actor.id, request)) return err({ code: 'request.not_permitted' });
        const approved = approve(request, actor.id, at);
        if (!approved.ok) return approved;
        const routed = route(approved.value, at);
        return routed.ok ? ok({ request: routed.value, description }) : routed;
      },
    });
    if (!decided.ok) return decided;
    const stored = decided.value;
    const deliveries = [];
    for (const unitId of stored.request.collaborationUnitIds) {
      const delivery = await deps.notifier.notify(stored, { kind: 'routed_to_unit', unitId });
      await recordDisclosures(deps, stored, delivery, actor.id);
      if (delivery.viaPersonalChats || delivery.failures.length > 0) {
        await deps.notifier.notify(stored, { kind: 'routing_fallback', to: actor.id, unitId });
      }
      deliveries.push({ unitId, delivery });
    }
    await deps.notifier.refreshCards(stored);
    return ok({ stored, deliveries });
  };
}

/** Returned with a comment: the worker edits and sends again, or withdraws. */
export function makeReturnRequest(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string, comment: string): Promise<Result<StoredRequest, RoutingError>> => {
    const findings = inspectFields({ returnComment: comment }, { contactFields: [] }).blocking;
    if (findings.length > 0) return err({ code: 'request.identifiers_found', findings });
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.returned',
      decide: ({ request, description }, at) => {
        if (!mayApprove(deps.directory.current(), actor.id, request)) return err({ code: 'request.not_permitted' });
        const returned = returnToWorker(request, actor.id, at);
        return returned.ok ? ok({ request: returned.value, description: { ...description, returnComment: comment.trim() || undefined } }) : returned;
      },
    });
    if (!decided.ok) return decided;
    await deps.notifier.notify(decided.value, { kind: 'returned_to_worker', to: decided.value.request.ownerId });
    await deps.notifier.refreshCards(decided.value);
    return decided;
  };
}

export function makeWithdrawRequest(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, RoutingError>> => {
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.withdrawn',
      decide: ({ request, description }, at) => {
        if (request.ownerId !== actor.id) return err({ code: 'request.not_permitted' });
        const withdrawn = withdraw(request, actor.id, at);
        return withdrawn.ok ? ok({ request: withdrawn.value, description }) : withdrawn;
      },
    });
    if (decided.ok) await deps.notifier.refreshCards(decided.value);
    return decided;
  };
}

/** After a send or a resend: every lead of the sending unit gets the approval card. */
export async function requestApproval(deps: Pick<RoutingDeps, 'notifier' | 'directory' | 'audit' | 'clock'>, stored: StoredRequest): Promise<void> {
  const { request } = stored;
  if (!request.sendingUnitId) return;
  const leads = unitLeads(deps.directory.current(), request.sendingUnitId);
  let reached = 0;
  for (const lead of leads) {
    const delivery = await deps.notifier.notify(stored, { kind: 'approval_requested', to: lead });
    await recordDisclosures(deps, stored, delivery, request.ownerId);
    reached += delivery.recipients.length;
  }
  // A request nobody can approve must not wait unseen: the worker learns whom to contact.
  if (reached === 0) await deps.notifier.notify(stored, { kind: 'delivery_failed', to: request.ownerId, unreachable: leads });
  await deps.notifier.refreshCards(stored);
}
