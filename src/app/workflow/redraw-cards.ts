import type { Delivery } from '../ports.js';
import type { WorkflowDeps } from './workflow-deps.js';

/**
 * Every card sent about the request, re-rendered from the request as it is now. Jobs of the same
 * request redraw at once, and an update Teams held back and took on a later try can land after
 * a newer one: a redraw that finds the request changed while it ran redraws again, so the last
 * update to land shows the request's last change. Answers the last round's delivery, for a job
 * to run again when Teams refused an update for now (see retryIfRefusedForNow); none for a
 * request that is gone.
 */
export async function redrawCards(deps: Pick<WorkflowDeps, 'requests' | 'notifier'>, requestId: string): Promise<Delivery | undefined> {
  let latest = await deps.requests.get(requestId);
  while (latest) {
    const delivery = await deps.notifier.refreshCards(latest);
    const now = await deps.requests.get(requestId);
    if (now?.request.version === latest.request.version) return delivery;
    latest = now;
  }
  return undefined;
}
