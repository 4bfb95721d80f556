import { moveProcessingDate } from '../../domain/collaboration/decisions.js';
import { mayHandleUnit } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import { countyDate } from '../../domain/time.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import { namingReminder } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** The receiving lead moves the processing date: the chair is told, and the naming reminder follows the new date. */
export function makeMoveProcessingDate(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, unitId: string, processingDate: string, reason: string): Promise<Result<StoredRequest, WorkflowError>> =>
    applyDecision(deps, actor, requestId, {
      action: 'request.processing_date_moved',
      unitId,
      decide: ({ request, description }, at) => {
        if (!mayHandleUnit(deps.directory.current(), actor.id, request, unitId)) return err({ code: 'request.not_permitted' });
        const moved = moveProcessingDate(request, unitId, processingDate, reason, countyDate(deps.clock.now()), actor.id, at);
        return moved.ok ? ok({ request: moved.value, description }) : moved;
      },
      effects: ({ request }) => [stepEffect('date-moved', request, { kind: 'processing_date_moved', requestId, unitId }), namingReminder(deps, request, unitId, 1)],
    });
}
