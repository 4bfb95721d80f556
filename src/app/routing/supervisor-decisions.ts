import { approve, returnToWorker, route, withdraw } from '../../domain/collaboration/decisions.js';
import { approvalRefusal } from '../../domain/privacy/access-policy.js';
import { inspectFields } from '../../domain/privacy/identifier-guard.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../intake/intake-deps.js';
import type { BookedMeeting } from '../../domain/collaboration/meeting-plan.js';
import type { StoredRequest } from '../ports.js';
import { schedulePurge } from '../follow-up/closing.js';
import { applyDecision } from './apply-decision.js';
import { effectKey } from './effect-key.js';
import type { RoutingDeps, RoutingError } from './routing-deps.js';

/**
 * The sending supervisor (or a deputy, or the escalation; never the filer) approves: the request
 * becomes binding and goes to every collaboration unit's channel, or to its leads in person where
 * the unit has no channel.
 */
export function makeApproveRequest(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, RoutingError>> => {
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
    });
    if (decided.ok) {
      const { request } = decided.value;
      await deps.effects.enqueue({ kind: 'routed', requestId, actorId: actor.id, unitIds: request.collaborationUnitIds }, effectKey('routed', request));
    }
    return decided;
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
        const refusal = approvalRefusal(deps.directory.current(), actor.id, request);
        if (refusal) return err(refusal);
        const returned = returnToWorker(request, actor.id, at);
        return returned.ok ? ok({ request: returned.value, description: { ...description, returnComment: comment.trim() || undefined } }) : returned;
      },
    });
    if (decided.ok) await deps.effects.enqueue({ kind: 'returned', requestId }, effectKey('returned', decided.value.request));
    return decided;
  };
}

/** The worker withdraws; a booked meeting is cancelled for everyone with it. */
export function makeWithdrawRequest(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, RoutingError>> => {
    let bookedBefore: BookedMeeting | undefined;
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.withdrawn',
      decide: ({ request, description }, at) => {
        if (request.ownerId !== actor.id) return err({ code: 'request.not_permitted' });
        bookedBefore = request.meeting?.booked;
        const withdrawn = withdraw(request, actor.id, at);
        return withdrawn.ok ? ok({ request: withdrawn.value, description }) : withdrawn;
      },
    });
    if (!decided.ok) return decided;
    const booked = bookedBefore;
    await deps.effects.enqueue(
      booked ? { kind: 'cancel_event', requestId, eventId: booked.eventId, date: booked.slot.date, caseIndexes: booked.slot.caseIndexes } : { kind: 'cards_changed', requestId },
      effectKey('withdrawn', decided.value.request),
    );
    await schedulePurge(deps, decided.value.request);
    return decided;
  };
}
