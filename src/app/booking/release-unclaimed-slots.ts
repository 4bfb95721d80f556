import { unclaimedHolds, type SlotHold } from '../../domain/collaboration/meeting.js';
import { err, ok, type Result } from '../../domain/result.js';
import { countyDate } from '../../domain/time.js';
import type { Scheduling } from '../workflow/scheduling.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/**
 * Gives back every part of an Yhteistyöaika the request holds but no longer needs: the new time
 * of a move cancelled before it was booked, the old time once a move is stored, the time of a
 * booking that failed. The request itself says what it needs, so nothing has to remember what was
 * taken. It runs under the request's lock because a choice reserves under it before it is
 * stored: read outside, a time just reserved would look unneeded and be given away.
 */
export async function releaseUnclaimedSlots(
  deps: Pick<WorkflowDeps, 'locks' | 'requests' | 'clock'>,
  scheduling: Scheduling,
  requestId: string,
  keep: readonly SlotHold[] = [],
): Promise<Result<readonly SlotHold[], { readonly code: 'request.busy' }>> {
  const released = await deps.locks.withLock(requestId, async () => {
    const stored = await deps.requests.get(requestId);
    // Parts of a day gone by take no booking from anyone.
    const held = await scheduling.reservations.heldBy(requestId, countyDate(deps.clock.now()));
    const leftOver = unclaimedHolds(stored?.request, held, keep);
    for (const slot of leftOver) await scheduling.reservations.release(slot, requestId);
    return leftOver;
  });
  return released ? ok(released) : err({ code: 'request.busy' });
}
