import { returnBookingToChair } from '../booking/return-booking.js';
import type { Effect } from '../effect.js';
import { notifyOnce } from '../workflow/notify-once.js';
import { redrawCards } from '../workflow/redraw-cards.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/**
 * A job that failed for good is never silent: the chair (the request's sending worker) is told
 * which step did not go through and why, with the case card to carry on from, and the cards are
 * redrawn so none promises a step that is not coming. A booking that failed (Graph refused, or
 * the tries ran out) goes back to the chair with fresh proposals and the reason instead: left as
 * it was, the request would wait for a booking with no button to leave it. `attemptKey` tells one
 * failure from another. No try follows this one: a card update Teams refuses here is made at the
 * request's next change.
 */
export async function reportEffectFailure(deps: WorkflowDeps, effect: Effect, code: string, attemptKey: string): Promise<void> {
  if (effect.kind === 'book' && deps.scheduling) {
    const returned = await returnBookingToChair(deps, deps.scheduling, effect.requestId, code);
    if (returned.ok) return void (await redrawCards(deps, effect.requestId));
  }
  const stored = await deps.requests.get(effect.requestId);
  if (!stored) return;
  await notifyOnce(deps, stored, `failed-${attemptKey}`, [stored.request.ownerId], (to) => ({ kind: 'step_failed', to, step: effect.kind, code }));
  await redrawCards(deps, effect.requestId);
}
