import { acknowledge, nameWorker } from '../../domain/collaboration/decisions.js';
import { mayHandleUnit } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import { countyDate } from '../../domain/time.js';
import type { Actor } from '../intake/intake-deps.js';
import type { StoredRequest } from '../ports.js';
import { applyDecision } from './apply-decision.js';
import { effectKey } from './effect-key.js';
import { scheduleNamingReminder } from './reminders.js';
import type { RoutingDeps, RoutingError } from './routing-deps.js';

/** Kuittaus with the processing schedule: the date of the unit's team meeting. */
export function makeAcknowledgeRequest(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string, unitId: string, processingDate: string): Promise<Result<StoredRequest, RoutingError>> => {
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.acknowledged',
      unitId,
      decide: ({ request, description }, at) => {
        if (!mayHandleUnit(deps.directory.current(), actor.id, request, unitId)) return err({ code: 'request.not_permitted' });
        const acked = acknowledge(request, unitId, processingDate, countyDate(deps.clock.now()), actor.id, at);
        return acked.ok ? ok({ request: acked.value, description }) : acked;
      },
    });
    if (decided.ok) {
      await deps.effects.enqueue({ kind: 'cards_changed', requestId }, effectKey('acknowledged', decided.value.request));
      await scheduleNamingReminder(deps, decided.value.request, unitId, 1);
    }
    return decided;
  };
}

/** The unit's team meeting has chosen who joins the team; that worker is told at once. */
export function makeNameWorker(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string, unitId: string, workerId: string): Promise<Result<StoredRequest, RoutingError>> => {
    const decided = await applyDecision(deps, actor, requestId, {
      action: 'request.worker_named',
      unitId,
      decide: ({ request, description }, at) => {
        const directory = deps.directory.current();
        if (!mayHandleUnit(directory, actor.id, request, unitId)) return err({ code: 'request.not_permitted' });
        const named = nameWorker(request, unitId, workerId, directory, actor.id, at);
        return named.ok ? ok({ request: named.value, description }) : named;
      },
    });
    if (decided.ok) {
      await deps.effects.enqueue({ kind: 'worker_named', requestId, actorId: actor.id, unitId, workerId }, effectKey('named', decided.value.request));
    }
    return decided;
  };
}
