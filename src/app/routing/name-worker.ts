import { nameWorker } from '../../domain/collaboration/decisions.js';
import { mayHandleUnit } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** The unit's team meeting has chosen who joins the team; that worker is told at once. */
export function makeNameWorker(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, unitId: string, workerId: string): Promise<Result<StoredRequest, WorkflowError>> => {
    return applyDecision(deps, actor, requestId, {
      action: 'request.worker_named',
      unitId,
      decide: ({ request, description }, at) => {
        const directory = deps.directory.current();
        if (!mayHandleUnit(directory, actor.id, request, unitId)) return err({ code: 'request.not_permitted' });
        const named = nameWorker(request, unitId, workerId, directory, actor.id, at);
        return named.ok ? ok({ request: named.value, description }) : named;
      },
      effects: ({ request }) => [stepEffect('named', request, { kind: 'worker_named', requestId, actorId: actor.id, unitId, workerId })],
    });
  };
}
