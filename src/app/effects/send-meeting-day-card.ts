import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce } from '../workflow/notify-once.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/** A moved or cancelled meeting has its own card, or none. */
export async function sendMeetingDayCard(deps: WorkflowDeps, stored: StoredRequest, generation: number): Promise<EffectOutcome> {
  const { request } = stored;
  if (request.status !== 'booked' || request.meeting?.generation !== generation) return effectDone;
  await notifyOnce(deps, stored, `meeting-day-${request.id}-g${generation}`, [request.ownerId], (to) => ({ kind: 'meeting_day', to }));
  return effectDone;
}
