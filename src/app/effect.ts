import { ok, type Result } from '../domain/result.js';

/**
 * What a decision sets in motion, run after the decision is stored and the clicker answered:
 * Teams fan-out is slow and may be throttled, so it runs as a job. An effect names ids only,
 * never text, and reads the request as it is when it runs.
 */
export type Effect =
  | { readonly kind: 'approval_requested'; readonly requestId: string }
  | { readonly kind: 'routed'; readonly requestId: string; readonly actorId: string; readonly unitIds: readonly string[] }
  | { readonly kind: 'returned'; readonly requestId: string }
  | { readonly kind: 'worker_named'; readonly requestId: string; readonly actorId: string; readonly unitId: string; readonly workerId: string }
  | { readonly kind: 'unit_proposed'; readonly requestId: string; readonly unitId: string }
  | { readonly kind: 'cards_changed'; readonly requestId: string }
  /** `round` (the ask's key) lets a job run again after a crash see that it already made these proposals. */
  | { readonly kind: 'meeting_needed'; readonly requestId: string; readonly round?: string | undefined }
  | { readonly kind: 'book'; readonly requestId: string }
  | { readonly kind: 'check_responses'; readonly requestId: string }
  | { readonly kind: 'ack_reminder'; readonly requestId: string; readonly unitId: string; readonly stage: 1 | 2 }
  | { readonly kind: 'invite_reminder'; readonly requestId: string; readonly generation: number }
  /** `processingDate`: the date it reminds of; a reminder of a date since moved says nothing. Absent in reminders queued before dates could move. */
  | { readonly kind: 'name_reminder'; readonly requestId: string; readonly unitId: string; readonly stage: 1 | 2; readonly processingDate?: string | undefined }
  | { readonly kind: 'processing_date_moved'; readonly requestId: string; readonly unitId: string }
  | { readonly kind: 'chair_handed_over'; readonly requestId: string; readonly actorId: string; readonly previousOwnerId: string; readonly ownerId: string }
  | { readonly kind: 'worker_replaced'; readonly requestId: string; readonly actorId: string; readonly unitId: string; readonly workerId: string; readonly previousWorkerId: string }
  | { readonly kind: 'choose_reminder'; readonly requestId: string; readonly generation: number; readonly stage: 1 | 2 }
  | { readonly kind: 'meeting_day'; readonly requestId: string; readonly generation: number }
  | { readonly kind: 'outcome_recorded'; readonly requestId: string; readonly generation: number }
  | { readonly kind: 'feedback_request'; readonly requestId: string; readonly generation: number }
  | { readonly kind: 'feedback_reminder'; readonly requestId: string; readonly generation: number }
  | { readonly kind: 'case_closed'; readonly requestId: string }
  | { readonly kind: 'purge_description'; readonly requestId: string }
  /**
   * A booking given back after Graph may have made (or moved) its event: the event made under
   * `transactionId` between `start` and `end` is cancelled, or a moved one put back to `movedFrom`.
   */
  | {
      readonly kind: 'withdraw_booking';
      readonly requestId: string;
      readonly transactionId: string;
      readonly start: string;
      readonly end: string;
      readonly movedFrom?: { readonly eventId: string; readonly start: string; readonly end: string } | undefined;
    }
  | {
      readonly kind: 'cancel_event';
      readonly requestId: string;
      readonly eventId: string;
      readonly date: string;
      readonly caseIndexes: readonly number[];
      /** Whose Yhteistyöaika the parts are in; absent in effects queued before each unit held its own (the sending unit's). */
      readonly unitId?: string | undefined;
      /** Whose calendar holds the event; absent in effects queued before hand-overs (the chair's, or the service mailbox). */
      readonly organizer?: string | undefined;
    };

/**
 * How a job ended. A transient failure (contention, throttling, an outage) is worth another try,
 * after `retryAfterMs` when the other side said; a permanent one (a refusal no retry changes) is
 * not, and its request goes back to a person with the reason.
 */
export type EffectFailure =
  | { readonly kind: 'transient'; readonly code: string; readonly retryAfterMs?: number | undefined }
  | { readonly kind: 'permanent'; readonly code: string };

/**
 * An effect with the key that makes queuing it idempotent and, for a scheduled one, when it falls
 * due (ms since the epoch, on the workflow's clock). A decision writes these with its change, so
 * the two commit together; a job queues them itself, since the job is retried until it has.
 */
export interface QueuedEffect {
  readonly effect: Effect;
  readonly key: string;
  readonly dueAt?: number | undefined;
}

export type EffectOutcome = Result<void, EffectFailure>;

export const effectDone: EffectOutcome = ok(undefined);
