import { everyWorkerNamed } from '../../domain/collaboration/decisions.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { deliverOnce, notifyOnce, retryIfRefusedForNow } from '../workflow/notify-once.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { recordDisclosures } from './record-disclosures.js';

/** The named worker gets the description and the sender's contact; the last one named sets booking going. */
export async function announceNamedWorker(deps: WorkflowDeps, stored: StoredRequest, named: { actorId: string; unitId: string; workerId: string }): Promise<EffectOutcome> {
  const key = `named-${stored.request.id}-${named.unitId}-${named.workerId}`;
  const delivery = await deliverOnce(
    deps,
    key,
    () => deps.notifier.notify(stored, { kind: 'worker_named', to: named.workerId, unitId: named.unitId }),
    (sent) => recordDisclosures(deps, stored, sent, named.actorId, named.unitId),
  );
  retryIfRefusedForNow([delivery]);
  if (delivery?.recipients.length === 0) {
    await notifyOnce(deps, stored, `${key}-unreachable`, [named.actorId], (to) => ({ kind: 'delivery_failed', to, unreachable: [named.workerId] }));
  }
  if (deps.scheduling && everyWorkerNamed(stored.request)) {
    // The last naming asks for the first round, under one key per request: this job run again
    // after that round was made finds the round its ask brought and asks for no other.
    const key = `first-round-${stored.request.id}`;
    await deps.effects.enqueue({ effect: { kind: 'meeting_needed', requestId: stored.request.id, round: key }, key });
  }
  return effectDone;
}
