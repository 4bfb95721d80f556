import { everyWorkerNamed } from './decisions.js';
import type { CollaborationRequest } from './request.js';

/**
 * Some states only last until a job moves the request on: a chosen time waits for the booking
 * job, a request whose workers are all named waits for proposals. Nobody can click a request
 * out of them, so a job that was lost (never queued, or failed without anyone hearing) would
 * leave it there for good. A watchdog asks this for each request and applies the repair.
 */
export type Recovery =
  | { readonly kind: 'none' }
  /** A time was chosen at `since` and is still not booked: give the case back to the chair, who gets fresh proposals. */
  | { readonly kind: 'return_booking'; readonly since: string }
  /** Since `since` the request has waited for times to choose from and has none: make the proposals. */
  | { readonly kind: 'propose'; readonly since: string };

/** Long past the booking job's retries (about half a minute) and Graph's longest Retry-After waits. */
export const TRANSITION_LIMIT_MINUTES = 15;

/**
 * The repair a request needs because it has been between two states for longer than
 * `limitMinutes`. Proposals are only made where Graph is configured: without it, a named request
 * waits for no job, and the caller does not ask.
 */
export function recoveryOf(request: CollaborationRequest, now: Date, limitMinutes = TRANSITION_LIMIT_MINUTES): Recovery {
  const overdue = (since: string) => now.getTime() - Date.parse(since) > limitMinutes * 60_000;
  const meeting = request.meeting;
  if (request.status === 'meeting_proposed' && meeting?.chosen) {
    return overdue(meeting.chosen.at) ? { kind: 'return_booking', since: meeting.chosen.at } : { kind: 'none' };
  }
  const nothingToChoose = request.status === 'meeting_proposed' && meeting !== undefined && meeting.proposals.length === 0;
  // After a cancellation the request has a meeting plan and the chair a button for new times: nothing waits on a job.
  if ((nothingToChoose || awaitsFirstProposals(request)) && overdue(request.updatedAt)) return { kind: 'propose', since: request.updatedAt };
  return { kind: 'none' };
}

/**
 * Every unit has named its worker and no times have been proposed yet: the proposals job is on its
 * way, or failed for good. The chair has a button to ask for them either way, and the watchdog
 * asks if nobody does.
 */
export function awaitsFirstProposals(request: CollaborationRequest): boolean {
  return request.status === 'routed' && !request.meeting && everyWorkerNamed(request);
}

/** The request is between two states for longer than a job takes: see {@link recoveryOf} for the repair. */
export function isStuckInTransition(request: CollaborationRequest, now: Date, limitMinutes = TRANSITION_LIMIT_MINUTES): boolean {
  return recoveryOf(request, now, limitMinutes).kind !== 'none';
}
