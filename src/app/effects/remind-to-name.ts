import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce } from '../workflow/notify-once.js';
import { scheduleNamingReminder } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { postponedForPause, unitRecipients } from './reminder-recipients.js';

export async function remindToName(deps: WorkflowDeps, stored: StoredRequest, unitId: string, stage: 1 | 2): Promise<EffectOutcome> {
  const { request } = stored;
  if (request.status !== 'routed' || request.units.find((u) => u.unitId === unitId)?.status !== 'acknowledged') return effectDone;
  const key = `name-${request.id}-${unitId}-${stage}`;
  if (await postponedForPause(deps, unitId, (delay) => deps.effects.enqueue({ kind: 'name_reminder', requestId: request.id, unitId, stage }, `${key}-after-pause`, delay))) return effectDone;
  await notifyOnce(deps, stored, key, unitRecipients(deps, request, unitId, stage), (to) =>
    stage === 1 ? { kind: 'name_reminder', to, unitId } : { kind: 'name_escalation', to, unitId },
  );
  if (stage === 1) await scheduleNamingReminder(deps, request, unitId, 2);
  return effectDone;
}
