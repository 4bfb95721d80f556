import { approversOf } from '../../domain/privacy/access-policy.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce } from '../workflow/notify-once.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/** A returned request goes back to its worker, once per return. */
export async function announceReturn(deps: WorkflowDeps, stored: StoredRequest): Promise<EffectOutcome> {
  const { request } = stored;
  await notifyOnce(deps, stored, `returned-${request.id}-${request.decision?.at ?? ''}`, [request.ownerId], (to) => ({ kind: 'returned_to_worker', to }));
  return effectDone;
}

/** A receiving unit proposed another unit: those who approve for the sending unit decide. */
export async function announceUnitProposal(deps: WorkflowDeps, stored: StoredRequest, unitId: string): Promise<EffectOutcome> {
  const approvers = approversOf(deps.directory.current(), stored.request);
  await notifyOnce(deps, stored, `proposed-${stored.request.id}-${unitId}`, approvers, (to) => ({ kind: 'unit_proposed', to, unitId }));
  return effectDone;
}
