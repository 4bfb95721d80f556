import { approversOf } from '../../domain/privacy/access-policy.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { deliverOnce, notifyOnce, retryIfRefusedForNow } from '../workflow/notify-once.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { recordDisclosures } from './record-disclosures.js';

/** Everyone who may approve gets the approval card (never the filer); if nobody can be reached, the worker is told. */
export async function requestApproval(deps: WorkflowDeps, stored: StoredRequest): Promise<EffectOutcome> {
  const { request } = stored;
  if (request.status !== 'submitted' || !request.sendingUnitId) return effectDone;
  const approvers = approversOf(deps.directory.current(), request);
  // Each sending of the request asks for approval anew: a returned and resent request is a new round.
  const round = `approval-${request.id}-${request.submittedAt ?? ''}`;
  let reached = 0;
  const deliveries = [];
  for (const approver of approvers) {
    const delivery = await deliverOnce(
      deps,
      `${round}-${approver}`,
      () => deps.notifier.notify(stored, { kind: 'approval_requested', to: approver }),
      (sent) => recordDisclosures(deps, stored, sent, request.ownerId),
    );
    reached += delivery ? delivery.recipients.length : 1;
    deliveries.push(delivery);
  }
  retryIfRefusedForNow(deliveries);
  if (reached === 0) await notifyOnce(deps, stored, `${round}-unreachable`, [request.ownerId], (to) => ({ kind: 'delivery_failed', to, unreachable: approvers }));
  return effectDone;
}
