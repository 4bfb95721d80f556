import type { BookingFailure, SlotBooking, SlotHold } from '../domain/collaboration/meeting.js';
import type { Locale } from '../domain/locale.js';
import type { FeedbackAnswer } from '../domain/feedback/feedback.js';
import type { MonthCounters } from '../domain/metrics/month-figures.js';
import type { OccurrenceBlock } from '../domain/slots/unit-occurrences.js';
import type { UnitDirectory } from '../domain/units/unit-directory.js';
import type { QueuedEffect } from './effect.js';
import type { StoredRequest } from './request-repository.js';

/** The request store's ports live in request-repository.ts; named from here like every port. */
export type { ParticipantCases, ReferenceSequence, RequestRepository, StoredRequest, WriteOutcome } from './request-repository.js';

/** The audit log's ports live in audit.ts; use cases and adapters name them from here like every port. */
export type { AuditAction, AuditEntry, AuditLog, AuditTrail } from './audit.js';

/** Who acts: the Teams user as the connector asserts them; roles come from the directory. */
export interface Actor {
  readonly id: string;
  readonly name?: string | undefined;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  requestId(): string;
}

/** The unit directory as it is now; a file edit may replace it between two calls. */
export interface DirectoryProvider {
  current(): UnitDirectory;
}

export interface UserPreferences {
  locale(userId: string): Promise<Locale | undefined>;
  setLocale(userId: string, locale: Locale): Promise<void>;
}

/** Remembers which inbound activities were handled, so a redelivered one is not handled twice. */
export interface ActivityDeduplicator {
  firstTime(conversationId: string, activityId: string): Promise<boolean>;
  /** Lets a delivery be taken again: claimed at the turn's start, it was then refused for the person's budget. */
  forget(conversationId: string, activityId: string): Promise<void>;
}

/** `firstRefusal` marks the first refusal in a window, so a person is told once, not at every click. */
export type Admission = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number; readonly firstRefusal: boolean };

/** A budget of activities per key (a person, a client address) and time window, shared by every instance. */
export interface RateLimiter {
  take(key: string): Promise<Admission>;
}

/**
 * A short exclusive hold on one request across instances, for steps that must not run twice
 * at once (a double click on send would otherwise draw two references).
 */
export interface RequestLocks {
  /** Runs `work` while holding the request; resolves to undefined if the hold was not had in time. */
  withLock<T>(requestId: string, work: () => Promise<T>): Promise<T | undefined>;
}

/** What the workflow tells people; the notifier picks the conversation, language and card. */
export type Notification =
  | { readonly kind: 'approval_requested'; readonly to: string }
  | { readonly kind: 'returned_to_worker'; readonly to: string }
  /** The unit's linked channel; a unit without one is told through its leads, each with `routed_to_lead`. */
  | { readonly kind: 'routed_to_unit'; readonly unitId: string }
  | { readonly kind: 'routed_to_lead'; readonly to: string; readonly unitId: string }
  | { readonly kind: 'routing_fallback'; readonly to: string; readonly unitId: string }
  | { readonly kind: 'worker_named'; readonly to: string; readonly unitId: string }
  | { readonly kind: 'unit_proposed'; readonly to: string; readonly unitId: string }
  | { readonly kind: 'meeting_proposed'; readonly to: string }
  | { readonly kind: 'meeting_booked'; readonly to: string }
  | { readonly kind: 'no_free_slot'; readonly to: string }
  | { readonly kind: 'meeting_cancelled'; readonly to: string }
  | { readonly kind: 'attendee_declined'; readonly to: string; readonly people: readonly string[] }
  | { readonly kind: 'ack_reminder'; readonly to: string; readonly unitId: string }
  | { readonly kind: 'ack_escalation'; readonly to: string; readonly unitId: string }
  | { readonly kind: 'invite_client'; readonly to: string }
  | { readonly kind: 'name_reminder'; readonly to: string; readonly unitId: string }
  /** A named worker replaced by their unit's lead: they no longer see the case. */
  | { readonly kind: 'worker_released'; readonly to: string; readonly unitId: string }
  /** The new chair gets the case card with its buttons; `description` the description beside it (a disclosure). */
  | { readonly kind: 'chair_received'; readonly to: string }
  | { readonly kind: 'chair_description'; readonly to: string }
  /** The old chair's cards stop showing the case. */
  | { readonly kind: 'chair_released'; readonly to: string }
  /** A participant hears who chairs now. */
  | { readonly kind: 'chair_changed'; readonly to: string }
  /** The chair hears who now takes part for the unit. */
  | { readonly kind: 'worker_replaced'; readonly to: string; readonly unitId: string }
  /** The chair hears that a receiving unit moved its processing date. */
  | { readonly kind: 'processing_date_moved'; readonly to: string; readonly unitId: string }
  | { readonly kind: 'name_escalation'; readonly to: string; readonly unitId: string }
  | { readonly kind: 'choose_reminder'; readonly to: string }
  | { readonly kind: 'choose_escalation'; readonly to: string }
  | { readonly kind: 'meeting_day'; readonly to: string }
  | { readonly kind: 'meeting_outcome'; readonly to: string }
  | { readonly kind: 'responsible_worker'; readonly to: string }
  | { readonly kind: 'feedback_requested'; readonly to: string; readonly generation: number }
  | { readonly kind: 'feedback_reminder'; readonly to: string; readonly generation: number }
  | { readonly kind: 'case_closed'; readonly to: string }
  /** The chosen time could not be booked: the chair hears which and why, and chooses from fresh proposals. */
  | { readonly kind: 'booking_returned'; readonly to: string; readonly slot: { readonly date: string; readonly start: string; readonly end: string }; readonly reason: BookingFailure; readonly code: string }
  /** A step failed for good: the chair hears which and why, with the case card to carry on from. */
  | { readonly kind: 'step_failed'; readonly to: string; readonly step: string; readonly code: string }
  /** Nobody could be reached with a card meant for `unreachable`: the person who caused it is told. */
  | { readonly kind: 'delivery_failed'; readonly to: string; readonly unreachable: readonly string[] };

export type DeliveryFailure = 'no_conversation' | 'forbidden' | 'failed';

export interface Delivery {
  /** Who received it: a person's id, or `channel:<id>` for a unit's channel. */
  readonly recipients: readonly string[];
  readonly failures: readonly { readonly recipient: string; readonly failure: DeliveryFailure }[];
  /** The unit had no linked channel, so its leads were messaged in person. */
  readonly viaPersonalChats?: boolean | undefined;
  /** Who was in each channel recipient when the card was posted, for the disclosure record. */
  readonly channelMembers?: readonly ChannelRoster[] | undefined;
}

/** A channel's members (object ids) at the moment of delivery; 'unavailable' when the connector would not list them. */
export interface ChannelRoster {
  readonly recipient: string;
  readonly members: readonly string[] | 'unavailable';
}

export interface Notifier {
  notify(stored: StoredRequest, notification: Notification): Promise<Delivery>;
  /**
   * Re-renders every card already sent about the request, so no live button stays on a decided
   * card. Answers which conversations' cards were updated and which Teams refused.
   */
  refreshCards(stored: StoredRequest): Promise<Delivery>;
}

/** Which Teams channel receives a unit's requests; the directory file stays the source of units. */
export interface ChannelLinks {
  link(unitId: string, channelId: string): Promise<void>;
  unlink(unitId: string): Promise<void>;
  channelOf(unitId: string): Promise<string | undefined>;
  unitsLinkedTo(channelId: string): Promise<string[]>;
}

/**
 * What the chat adapter remembers between turns: conversation references, to message people
 * and channels proactively, and the cards it sent about each request, to update them in place.
 * Values are opaque to the store and hold ids and addresses only.
 */
export interface BotMemory {
  saveReference(key: string, reference: string): Promise<void>;
  reference(key: string): Promise<string | undefined>;
  trackCard(requestId: string, cardKey: string, entry: string): Promise<void>;
  trackedCards(requestId: string): Promise<string[]>;
  /** A card no longer about the request (a reopened case's older copy, now a stub): later changes leave it alone. */
  forgetCard(requestId: string, cardKey: string): Promise<void>;
}

/** Runs effects after the fact, durably: an effect survives a restart and is retried on failure. */
/** Queues an effect at once; a job uses it for what it sets in motion, a decision writes its effects with its change instead. */
export interface EffectQueue {
  /** The same key is queued once; one with `dueAt` runs then. */
  enqueue(entry: QueuedEffect): Promise<void>;
}

/**
 * Holds the parts of each unit's Yhteistyöaika occurrences that bookings take, so two cases never
 * get the same part of one unit's occurrence, while units never take each other's.
 */
export interface SlotReservations {
  /**
   * Takes every part or none; false when any is already held by another request, when the unit's
   * occurrence is held in a different number of parts than `parts` (its cases per slot changed),
   * or when a participant is in another case's meeting at that time, in any unit's Yhteistyöaika.
   */
  reserve(booking: SlotBooking, requestId: string): Promise<boolean>;
  /** Gives back the parts this request holds in the unit's occurrence; parts held by others stay. */
  release(hold: SlotHold, requestId: string): Promise<void>;
  /** What the unit's occurrences hold from `fromDate` to `toDate`, with the parts each was held in. */
  bookedBetween(unitId: string, fromDate: string, toDate: string): Promise<{ date: string; index: number; parts: number; requestId: string }[]>;
  /** The times other requests hold with these people in them, between two instants: they are busy then, whatever calendars say yet. */
  peopleHeld(personIds: readonly string[], fromIso: string, toIso: string, exceptRequestId: string): Promise<{ personId: string; start: string; end: string }[]>;
  /**
   * The people of what a request holds become `participants` (a named worker replaced, the chair
   * handed over): those who left it are free then, those who joined are held, whatever else holds them.
   */
  rehold(requestId: string, participants: readonly string[]): Promise<void>;
  /** The parts one request holds on `fromDate` or later, so what it no longer needs can be given back. */
  heldBy(requestId: string, fromDate: string): Promise<SlotHold[]>;
}


/**
 * Remembers which messages went out, so a late or repeated job never sends one twice. A message
 * is begun before it is sent and marked sent after: a worker killed in between leaves it begun,
 * and the job's re-run sends it again rather than losing it.
 */
/**
 * What the ledger says of a message about to go: send it, under this lease, renewed this often
 * while the attempt lasts; it went already; or another run is sending it right now (a job re-run
 * while its first run still lives), so wait this long and look again.
 */
export type LedgerBegin =
  | { readonly outcome: 'send'; readonly lease: string; readonly renewEveryMs: number }
  | { readonly outcome: 'already_sent' }
  | { readonly outcome: 'in_flight'; readonly retryInMs: number };

export interface MessageLedger {
  /** Takes the message's lease for one attempt, unless it went already or another attempt holds it. */
  begin(key: string): Promise<LedgerBegin>;
  /**
   * Extends the lease of an attempt still under way (a slow Teams call, a starved worker), so a
   * re-run beside it waits rather than sending the message a second time. Undefined when the lease
   * had lapsed and another run holds the message now; otherwise the lease to renew next.
   */
  renew(key: string, lease: string): Promise<string | undefined>;
  /** Notes that the message was delivered: every later `begin` answers 'already_sent' (within the retention). */
  markSent(key: string): Promise<void>;
  /** The attempt ended without delivering (Teams refused, or the send threw): the next may go at once. */
  release(key: string): Promise<void>;
}

/** Occurrences of a unit's Yhteistyöaika its supervisor took out of use, with why. */
export interface OccurrenceBlocks {
  block(unitId: string, date: string, block: OccurrenceBlock): Promise<void>;
  /** False when the occurrence was not blocked. */
  unblock(unitId: string, date: string): Promise<boolean>;
  between(unitId: string, fromDate: string, toDate: string): Promise<Map<string, OccurrenceBlock>>;
}

/** A lead's time away, and who stands in: their reminders go to others at once meanwhile. */
export interface Absence {
  readonly from: string;
  readonly to: string;
  /** A lead or deputy of the same unit; none: the unit's deputies. */
  readonly substituteId?: string | undefined;
}

/** One absence per person: a new one replaces the old, as an out-of-office reply does. */
export interface Absences {
  record(personId: string, absence: Absence): Promise<void>;
  clear(personId: string): Promise<void>;
  /** Those of `personIds` away on `date`, with their absence. */
  awayOn(personIds: readonly string[], date: string): Promise<Map<string, Absence>>;
}

/** Holiday pauses of a unit's reminders, set by its supervisor or deputy. */
export interface ReminderPauses {
  pause(unitId: string, from: string, to: string): Promise<void>;
  /** The pause that covers a date, if any. */
  pausedOn(unitId: string, date: string): Promise<{ readonly from: string; readonly to: string } | undefined>;
}

/**
 * Feedback on meetings. Answers are kept apart from who gave them: the answer's key is derived
 * from the person with a server secret, so one person can edit their own answer while no stored
 * record links a person to what they answered.
 */
export interface FeedbackStore {
  /** Stores or replaces this respondent's answer to the meeting; `respondentId` may be `client`. */
  save(respondentId: string, answer: FeedbackAnswer): Promise<'created' | 'updated'>;
  /** The respondent's own earlier answer, to show it again for editing. */
  answerOf(respondentId: string, requestId: string, generation: number): Promise<FeedbackAnswer | undefined>;
  /** Who has answered the meeting (for the reminder), never what. */
  respondents(requestId: string, generation: number): Promise<string[]>;
  /**
   * The answer counters of each unit's months (one row per unit id, one entry per month, in the
   * order asked), kept in the same atomic step as each answer (`answerContributions`); a month
   * nobody answered for is empty. Reads no answer.
   */
  monthFigures(unitIds: readonly string[], months: readonly string[]): Promise<MonthCounters[][]>;
  /** Free-text comments go with the description at the end of retention; scores stay for the metrics. */
  forgetComments(requestId: string): Promise<void>;
}
