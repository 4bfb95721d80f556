import type { DecisionError } from '../../domain/collaboration/errors.js';
import type { ApprovalRefusal } from '../../domain/privacy/access-policy.js';
import type { FieldFinding } from '../../domain/privacy/identifier-guard.js';
import type { FollowUpSettings } from './follow-up-settings.js';
import type { Scheduling } from './scheduling.js';
import type { Absences, AuditLog, ChannelLinks, Clock, DirectoryProvider, EffectQueue, MessageLedger, Notifier, ReminderPauses, RequestLocks, RequestRepository } from '../ports.js';

/** What the request's workflow needs once it has been sent: its decisions, their effects and their reminders. */
export interface WorkflowDeps {
  readonly requests: RequestRepository;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly directory: DirectoryProvider;
  readonly locks: RequestLocks;
  readonly notifier: Notifier;
  readonly channelLinks: ChannelLinks;
  readonly effects: EffectQueue;
  readonly scheduling?: Scheduling | undefined;
  readonly reminders: { readonly workingDays: number; readonly ledger: MessageLedger; readonly pauses: ReminderPauses; readonly absences: Absences };
  readonly followUp: FollowUpSettings;
}

export type WorkflowError =
  | DecisionError
  | ApprovalRefusal
  | { readonly code: 'request.not_found' }
  | { readonly code: 'request.not_permitted' }
  /** A confirmation given on a card older than the request. */
  | { readonly code: 'request.stale' }
  /** Returning to the worker needs a reason the worker can read. */
  | { readonly code: 'request.comment_required' }
  | { readonly code: 'request.busy' }
  | { readonly code: 'request.slot_taken' }
  | { readonly code: 'meeting.not_started' }
  | { readonly code: 'request.identifiers_found'; readonly findings: readonly FieldFinding[] };
