import { recoveryOf } from '../../domain/collaboration/recovery.js';
import { proposalsNeeded } from '../workflow/effect-key.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { returnBookingToChair } from './return-booking.js';

/** What the watchdog did to one request, by ids only, for the log. */
export interface Repair {
  readonly requestId: string;
  readonly status: string;
  readonly repair: 'returned_to_chair' | 'proposals_asked';
  /** Since when the request had waited between two states. */
  readonly since: string;
}

/**
 * The watchdog's sweep: every open case of every unit is asked whether it has been between two
 * states (a chosen time not booked, a request with no times to choose from) for longer than
 * `limitMinutes`, and is repaired: a booking goes back to its chair with fresh proposals, a
 * request without proposals gets them asked for. Both are safe beside a job that is merely slow:
 * the return is a decision under the request's lock, the ask an effect keyed by the version.
 */
export function makeRepairStuckRequests(deps: WorkflowDeps, limitMinutes: number) {
  return async (): Promise<Repair[]> => {
    const scheduling = deps.scheduling;
    if (!scheduling) return [];
    const now = deps.clock.now();
    const seen = new Set<string>();
    const repairs: Repair[] = [];
    for (const unit of deps.directory.current().units) {
      for (const request of await deps.requests.listOpenByUnit(unit.id)) {
        if (seen.has(request.id)) continue;
        seen.add(request.id);
        const recovery = recoveryOf(request, now, limitMinutes);
        if (recovery.kind === 'return_booking') {
          const returned = await returnBookingToChair(deps, scheduling, request.id, 'booking.stuck');
          if (returned.ok) repairs.push({ requestId: request.id, status: request.status, repair: 'returned_to_chair', since: recovery.since });
        } else if (recovery.kind === 'propose') {
          await deps.effects.enqueue(proposalsNeeded('watchdog-proposals', request));
          repairs.push({ requestId: request.id, status: request.status, repair: 'proposals_asked', since: recovery.since });
        }
      }
    }
    return repairs;
  };
}
