import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce } from '../workflow/notify-once.js';
import { scheduleAcknowledgementReminder } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { postponedForPause, unitRecipients } from './reminder-recipients.js';

export async function remindToAcknowledge(deps: WorkflowDeps, stored: StoredRequest, unitId: string, stage: 1 | 2): Promise<EffectOutcome> {
  const { request } = stored;
  // Acknowledged, moved to another unit or withdrawn meanwhile: the reminder has nothing to say.
  if (request.status !== 'routed' || request.units.find((u) => u.unitId === unitId)?.status !== 'awaiting_acknowledgement') return effectDone;
  const key = `ack-${request.id}-${unitId}-${stage}`;
  if (await postponedForPause(deps, unitId, (delay) => deps.effects.enqueue({ kind: 'ack_reminder', requestId: request.id, unitId, stage }, `${key}-after-pause`, delay))) return effectDone;
  await notifyOnce(deps, stored, key, unitRecipients(deps, request, unitId, stage), (to) =>
    stage === 1 ? { kind: 'ack_reminder', to, unitId } : { kind: 'ack_escalation', to, unitId },
  );
  if (stage === 1) await scheduleAcknowledgementReminder(deps, request, unitId, 2);
  return effectDone;
}
