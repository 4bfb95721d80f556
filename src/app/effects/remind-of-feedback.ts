import { feedbackAskedOf, handledOutcome } from '../../domain/collaboration/follow-up.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce } from '../workflow/notify-once.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export async function remindOfFeedback(deps: WorkflowDeps, stored: StoredRequest, generation: number): Promise<EffectOutcome> {
  const { request } = stored;
  const outcome = handledOutcome(request, generation);
  if (!outcome || request.status === 'closed') return effectDone;
  const answered = new Set(await deps.followUp.feedback.respondents(request.id, generation));
  const waiting = feedbackAskedOf(outcome).filter((id) => !answered.has(id));
  await notifyOnce(deps, stored, `feedback-reminder-${request.id}-g${generation}`, waiting, (to) => ({ kind: 'feedback_reminder', to, generation }));
  return effectDone;
}
