import { unitLeads } from '../../domain/privacy/access-policy.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce } from '../workflow/notify-once.js';
import { enqueueAll } from '../workflow/effect-key.js';
import { choiceReminder } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export async function remindToChoose(deps: WorkflowDeps, stored: StoredRequest, generation: number, stage: 1 | 2): Promise<EffectOutcome> {
  const { request } = stored;
  if (request.status !== 'meeting_proposed' || request.meeting?.generation !== generation || request.meeting.chosen) return effectDone;
  const recipients = stage === 1 ? [request.ownerId] : unitLeads(deps.directory.current(), request.sendingUnitId ?? '');
  await notifyOnce(deps, stored, `choose-${request.id}-g${generation}-${stage}`, recipients, (to) =>
    stage === 1 ? { kind: 'choose_reminder', to } : { kind: 'choose_escalation', to },
  );
  if (stage === 1) await enqueueAll(deps, [choiceReminder(deps, request, 2)]);
  return effectDone;
}
