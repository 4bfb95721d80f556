import { participantsOf } from '../../domain/collaboration/follow-up.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce, retryIfRefusedForNow } from '../workflow/notify-once.js';
import { redrawCards } from '../workflow/redraw-cards.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/** Everyone of the meeting sees the outcome; the omatyöntekijä also learns what the role means. */
export async function announceOutcome(deps: WorkflowDeps, stored: StoredRequest, generation: number): Promise<EffectOutcome> {
  // Cards already out show the outcome first; the new cards then keep their banner.
  const redrawn = await redrawCards(deps, stored.request.id);
  const { request } = stored;
  const outcome = request.outcomes?.find((o) => o.generation === generation);
  if (!outcome) return effectDone;
  const key = `outcome-${request.id}-g${generation}`;
  await notifyOnce(deps, stored, key, participantsOf(request).filter((id) => id !== outcome.recordedBy), (to) => ({ kind: 'meeting_outcome', to }));
  if (outcome.responsibleWorkerId) {
    await notifyOnce(deps, stored, `${key}-responsible`, [outcome.responsibleWorkerId], (to) => ({ kind: 'responsible_worker', to }));
  }
  retryIfRefusedForNow([redrawn]);
  return effectDone;
}
