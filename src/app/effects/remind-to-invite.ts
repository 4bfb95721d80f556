import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce } from '../workflow/notify-once.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export async function remindToInvite(deps: WorkflowDeps, stored: StoredRequest, generation: number): Promise<EffectOutcome> {
  const { request } = stored;
  // A moved or cancelled meeting has its own reminder, or none.
  if (request.status !== 'booked' || request.meeting?.generation !== generation) return effectDone;
  await notifyOnce(deps, stored, `invite-${request.id}-g${generation}`, [request.ownerId], (to) => ({ kind: 'invite_client', to }));
  return effectDone;
}
