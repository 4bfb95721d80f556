import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { notifyOnce } from '../workflow/notify-once.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/** The chair hears of a moved processing date once per move (the move's time in the key), on their case card. */
export async function announceDateMove(deps: WorkflowDeps, stored: StoredRequest, unitId: string): Promise<EffectOutcome> {
  const moved = stored.request.units.find((u) => u.unitId === unitId)?.processingDateMoved;
  if (!moved) return effectDone;
  await notifyOnce(deps, stored, `date-moved-${stored.request.id}-${unitId}-${moved.at}`, [stored.request.ownerId], (to) => ({ kind: 'processing_date_moved', to, unitId }));
  return effectDone;
}
