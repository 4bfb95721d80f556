import { effectDone, type Effect, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { deliverOnce, notifyOnce, retryIfRefusedForNow } from '../workflow/notify-once.js';
import { followParticipantChange } from '../workflow/participant-change.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { recordDisclosures } from './record-disclosures.js';

type Replaced = Extract<Effect, { kind: 'worker_replaced' }>;

/**
 * A named worker was replaced: the new one gets the description and the sender's contact (a
 * disclosure, recorded with its six points), the old one is told they no longer take part, the
 * booked meeting's attendees change on the same event, and the new worker hears of being
 * omatyöntekijä if the role came with the place. A replacement undone meanwhile sends nothing.
 */
export async function announceReplacement(deps: WorkflowDeps, stored: StoredRequest, replaced: Replaced): Promise<EffectOutcome> {
  const { request } = stored;
  const unit = request.units.find((u) => u.unitId === replaced.unitId);
  if (unit?.namedWorkerId !== replaced.workerId) return effectDone;
  const key = `replaced-${request.id}-${replaced.unitId}-${replaced.previousWorkerId}-${replaced.workerId}`;
  const named = await deliverOnce(
    deps,
    `${key}-named`,
    () => deps.notifier.notify(stored, { kind: 'worker_named', to: replaced.workerId, unitId: replaced.unitId }),
    (sent) => recordDisclosures(deps, stored, sent, replaced.actorId, replaced.unitId),
  );
  retryIfRefusedForNow([named]);
  if (named?.recipients.length === 0) await notifyOnce(deps, stored, `${key}-unreachable`, [replaced.actorId], (to) => ({ kind: 'delivery_failed', to, unreachable: [replaced.workerId] }));
  await notifyOnce(deps, stored, `${key}-released`, [replaced.previousWorkerId], (to) => ({ kind: 'worker_released', to, unitId: replaced.unitId }));
  await notifyOnce(deps, stored, `${key}-chair`, [request.ownerId], (to) => ({ kind: 'worker_replaced', to, unitId: replaced.unitId }));
  if (request.responsibleWorkerId === replaced.workerId) await notifyOnce(deps, stored, `${key}-responsible`, [replaced.workerId], (to) => ({ kind: 'responsible_worker', to }));
  const attendeesChanged = await followParticipantChange(deps, request);
  if (!attendeesChanged.ok) return attendeesChanged;
  return effectDone;
}
