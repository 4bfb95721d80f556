import { z } from 'zod';
import type { Effect, QueuedEffect } from '../../app/effect.js';

/** Every effect kind, so an entry written by a newer release than this one is refused, not run half-understood. */
const KINDS: Readonly<Record<Effect['kind'], true>> = {
  approval_requested: true,
  routed: true,
  returned: true,
  worker_named: true,
  unit_proposed: true,
  cards_changed: true,
  meeting_needed: true,
  book: true,
  check_responses: true,
  ack_reminder: true,
  invite_reminder: true,
  name_reminder: true,
  processing_date_moved: true,
  worker_replaced: true,
  chair_handed_over: true,
  choose_reminder: true,
  meeting_day: true,
  outcome_recorded: true,
  feedback_request: true,
  feedback_reminder: true,
  case_closed: true,
  purge_description: true,
  cancel_event: true,
  withdraw_booking: true,
};

function isEffect(value: unknown): value is Effect {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, requestId } = value as { kind?: unknown; requestId?: unknown };
  return typeof kind === 'string' && Object.hasOwn(KINDS, kind) && typeof requestId === 'string';
}

/** An outbox entry: an effect (ids only), its idempotency key and when it falls due. */
export const queuedEffectSchema = z.object({
  effect: z.custom<Effect>(isEffect),
  key: z.string().min(1),
  dueAt: z.number().optional(),
}) satisfies z.ZodType<QueuedEffect>;
