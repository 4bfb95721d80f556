import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { deliverOnce, notifyOnce } from '../workflow/notify-once.js';
import { acknowledgementReminder } from '../workflow/reminder-schedule.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { recordDisclosures } from './record-disclosures.js';

/** Each unit's channel, else its leads in person; the approver hears of every fallback. */
export async function routeToUnits(deps: WorkflowDeps, stored: StoredRequest, unitIds: readonly string[], actorId: string): Promise<EffectOutcome> {
  for (const unitId of unitIds) {
    if (!stored.request.units.some((u) => u.unitId === unitId)) continue;
    const key = `routed-${stored.request.id}-${unitId}`;
    const delivery = await deliverOnce(
      deps,
      key,
      () => deps.notifier.notify(stored, { kind: 'routed_to_unit', unitId }),
      (sent) => recordDisclosures(deps, stored, sent, actorId, unitId),
    );
    if (delivery && (delivery.viaPersonalChats || delivery.failures.length > 0)) {
      await notifyOnce(deps, stored, `${key}-fallback`, [actorId], (to) => ({ kind: 'routing_fallback', to, unitId }));
    }
    await deps.effects.enqueue(acknowledgementReminder(deps, stored.request, unitId, 1));
  }
  return effectDone;
}
