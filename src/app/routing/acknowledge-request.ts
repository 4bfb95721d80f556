import { acknowledge } from '../../domain/collaboration/decisions.js';
import { mayHandleUnit } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import { countyDate } from '../../domain/time.js';
import type { Actor, StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { effectKey } from '../workflow/effect-key.js';
import { scheduleNamingReminder } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** Kuittaus with the processing schedule: the date of the unit's team meeting. */
export function makeAcknowledgeRequest(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, unitId: string, processingDate: string): Promise<Result<StoredRequest, WorkflowError>> => {
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
