import { feedbackAskedOf, handledOutcome } from '../../domain/collaboration/follow-up.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { feedbackReminder } from '../workflow/meeting-schedule.js';
import { notifyOnce } from '../workflow/notify-once.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/** The feedback cards go to everyone present; those who have not answered by the next working day are reminded once. */
export async function askForFeedback(deps: WorkflowDeps, stored: StoredRequest, generation: number): Promise<EffectOutcome> {
  const { request } = stored;
  const outcome = handledOutcome(request, generation);
  if (!outcome || request.status === 'closed') return effectDone;
  await notifyOnce(deps, stored, `feedback-${request.id}-g${generation}`, feedbackAskedOf(outcome), (to) => ({ kind: 'feedback_requested', to, generation }));
  await deps.effects.enqueue(feedbackReminder(deps, request, generation));
  return effectDone;
}
