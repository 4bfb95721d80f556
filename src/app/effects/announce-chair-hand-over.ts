import { participantsOf } from '../../domain/collaboration/follow-up.js';
import { effectDone, type Effect, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { followParticipantChange } from '../workflow/participant-change.js';
import { deliverOnce, notifyOnce, retryIfRefusedForNow } from '../workflow/notify-once.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { recordDisclosures } from './record-disclosures.js';

type HandedOver = Extract<Effect, { kind: 'chair_handed_over' }>;

/**
 * The chair was handed over: the new chair gets the case card with its buttons and the description
 * beside it (a disclosure, recorded with its six points), the old chair's cards stop showing the
 * case, the other participants hear who chairs now, and a booked meeting's attendees change on the
 * same event. A hand-over passed on again meanwhile sends nothing of this one.
 */
export async function announceChairHandOver(deps: WorkflowDeps, stored: StoredRequest, handed: HandedOver): Promise<EffectOutcome> {
  const { request } = stored;
  if (request.ownerId !== handed.ownerId) return effectDone;
  const key = `chair-${request.id}-${handed.previousOwnerId}-${handed.ownerId}`;
  const card = await deliverOnce(deps, `${key}-card`, () => deps.notifier.notify(stored, { kind: 'chair_received', to: handed.ownerId }));
  const description = await deliverOnce(
    deps,
    `${key}-description`,
    () => deps.notifier.notify(stored, { kind: 'chair_description', to: handed.ownerId }),
    (sent) => recordDisclosures(deps, stored, sent, handed.actorId, request.sendingUnitId),
  );
  retryIfRefusedForNow([card, description]);
  if (card?.recipients.length === 0 && handed.actorId !== handed.ownerId) {
    await notifyOnce(deps, stored, `${key}-unreachable`, [handed.actorId], (to) => ({ kind: 'delivery_failed', to, unreachable: [handed.ownerId] }));
  }
  await notifyOnce(deps, stored, `${key}-released`, [handed.previousOwnerId], (to) => ({ kind: 'chair_released', to }));
  const others = participantsOf(request).filter((id) => id !== handed.ownerId);
  await notifyOnce(deps, stored, `${key}-changed`, others, (to) => ({ kind: 'chair_changed', to }));
  return followParticipantChange(deps, request);
}
