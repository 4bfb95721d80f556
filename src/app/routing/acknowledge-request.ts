import { acknowledge } from '../../domain/collaboration/decisions.js';
import { mayHandleUnit } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import { countyDate } from '../../domain/time.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { stepEffect } from '../workflow/effect-key.js';
import { namingReminder } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** Kuittaus with the processing schedule: the date of the unit's team meeting. */
export function makeAcknowledgeRequest(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, unitId: string, processingDate: string): Promise<Result<StoredRequest, WorkflowError>> => {
    return applyDecision(deps, actor, requestId, {
      action: 'request.acknowledged',
      unitId,
      decide: ({ request, description }, at) => {
        if (!mayHandleUnit(deps.directory.current(), actor.id, request, unitId)) return err({ code: 'request.not_permitted' });
        const acked = acknowledge(request, unitId, processingDate, countyDate(deps.clock.now()), actor.id, at);
        return acked.ok ? ok({ request: acked.value, description }) : acked;
      },
      effects: ({ request }) => [stepEffect('acknowledged', request, { kind: 'cards_changed', requestId }), namingReminder(deps, request, unitId, 1)],
    });
  };
}
