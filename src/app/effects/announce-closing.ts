import { participantsOf } from '../../domain/collaboration/follow-up.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce, retryIfRefusedForNow } from '../workflow/notify-once.js';
import { redrawCards } from '../workflow/redraw-cards.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export async function announceClosing(deps: WorkflowDeps, stored: StoredRequest): Promise<EffectOutcome> {
  const redrawn = await redrawCards(deps, stored.request.id);
  const { request } = stored;
  const people = [...participantsOf(request), ...(request.responsibleWorkerId ? [request.responsibleWorkerId] : [])];
  await notifyOnce(deps, stored, `closed-${request.id}`, [...new Set(people)].filter((id) => id !== request.closed?.by), (to) => ({ kind: 'case_closed', to }));
  retryIfRefusedForNow([redrawn]);
  return effectDone;
}
