import { replaceNamedWorker } from '../../domain/collaboration/decisions.js';
import { mayHandleUnit } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision, type StepOptions } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/**
 * The receiving lead replaces the unit's named worker with a reason: asked first (the new worker
 * will read the description, the old one will no longer), then taken on the version confirmed.
 */
export function makeReplaceNamedWorker(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, unitId: string, workerId: string, reason: string, options: StepOptions = {}): Promise<Result<StoredRequest, WorkflowError>> => {
    let previousWorkerId = '';
    return applyDecision(deps, actor, requestId, {
      ...options,
      action: 'request.worker_replaced',
      unitId,
      decide: ({ request, description }, at) => {
        const directory = deps.directory.current();
        if (!mayHandleUnit(directory, actor.id, request, unitId)) return err({ code: 'request.not_permitted' });
        previousWorkerId = request.units.find((u) => u.unitId === unitId)?.namedWorkerId ?? '';
        const replaced = replaceNamedWorker(request, unitId, workerId, reason, directory, actor.id, at);
        return replaced.ok ? ok({ request: replaced.value, description }) : replaced;
      },
      effects: ({ request }) => [stepEffect('replaced', request, { kind: 'worker_replaced', requestId, actorId: actor.id, unitId, workerId, previousWorkerId })],
    });
  };
}
