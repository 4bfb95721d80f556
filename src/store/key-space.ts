/**
 * Every Redis key the app uses, built in one place, so that the keys one script, MULTI or
 * pipeline touches together hash to one Redis Cluster slot. Redis Cluster hashes only the part
 * of a key between its first `{` and the `}` after it (the hash tag) when there is one, and refuses
 * a script or transaction whose keys are in different slots.
 *
 * - The workflow core, `{wf}`: a request, its owner's list, the reference index and counters, its
 *   unit and person indexes, the audit chain and the outbox. A decision writes all of these in one
 *   Lua script by design (issue #13: the decision, its indexes, its audit entry and its effects
 *   commit together or not at all), and the audit chain's head is one key for the whole county, so
 *   they are one consistency domain and share one tag: one slot, one master. What scales with traffic
 *   is spread by a tag of its own (or none, for single-key commands): the message ledger, tracked
 *   cards, conversation references, dedupe, rate limits, locks, preferences, link uses.
 * - `{slots}`: the Yhteistyöaika reservations (one script reads a date and the date list).
 * - `{feedback}`: the feedback answers and their sets (one MULTI writes them together).
 * - `{links}`: unit ↔ channel links (one script moves both directions).
 * - `{bull}`: BullMQ's queue prefix; BullMQ's scripts need all of a queue's keys in one slot.
 *
 * The prefix itself carries no braces (the configuration refuses them), so the tags here are the
 * first in every key.
 */
export class KeySpace {
  constructor(readonly prefix: string) {}

  // The workflow core.

  request(id: string): string {
    return this.core(`request:${id}`);
  }

  /** Index names (`unit:<id>:open-requests`…) as a request record lists them, as keys. */
  index(name: string): string {
    return this.core(name);
  }

  owner(ownerId: string): string {
    return this.core(`owner:${ownerId}:requests`);
  }

  /** Reference → request id, written by the same scripts that write the request. */
  references(): string {
    return this.core('request-references');
  }

  referenceCounter(year: number): string {
    return this.core(`reference:${year}`);
  }

  auditStream(): string {
    return this.core('audit');
  }

  auditHead(): string {
    return this.core('audit:head');
  }

  auditAnchor(): string {
    return this.core('audit:anchor');
  }

  auditIndex(requestId: string): string {
    return this.core(`audit:request:${requestId}`);
  }

  /** A unit's month of report counters, written by the script that writes the request they count. */
  monthFigures(unitId: string, month: string): string {
    return this.core(`unit:${unitId}:month:${month}:figures`);
  }

  outbox(): string {
    return this.core('outbox');
  }

  outboxOrder(): string {
    return this.core('outbox:order');
  }

  outboxUnreadable(): string {
    return this.core('outbox:unreadable');
  }

  // Spread: each key, or the few keys one script touches, by a tag of its own.

  /** A delivered message; shares its tag with {@link sending}, as one script touches both. */
  sent(key: string): string {
    return `${this.prefix}sent:{${key}}`;
  }

  sending(key: string): string {
    return `${this.prefix}sending:{${key}}`;
  }

  conversation(key: string): string {
    return `${this.prefix}conversation:${key}`;
  }

  cards(requestId: string): string {
    return `${this.prefix}cards:{${requestId}}`;
  }

  seen(conversationId: string, activityId: string): string {
    return `${this.prefix}seen:${conversationId}:${activityId}`;
  }

  /** rate-limiter-flexible appends `:<key>` and touches that one key per command. */
  rateLimitPrefix(name: string): string {
    return `${this.prefix}rate:${name}`;
  }

  requestLock(requestId: string): string {
    return `${this.prefix}lock:request:${requestId}`;
  }

  user(userId: string): string {
    return `${this.prefix}user:${userId}`;
  }

  reportLinkUsed(linkId: string): string {
    return `${this.prefix}report-link-used:${linkId}`;
  }

  /** A person's time away: from, to and their substitute. */
  absence(personId: string): string {
    return `${this.prefix}person:${personId}:absence`;
  }

  reminderPause(unitId: string): string {
    return `${this.prefix}unit:${unitId}:reminder-pause`;
  }

  // Small domains whose scripts touch several keys.

  unitChannel(unitId: string): string {
    return `${this.prefix}{links}:unit:${unitId}:channel`;
  }

  /** The channel's set of units is `channelUnitsStart() + channelId + CHANNEL_UNITS_END`, which the relink script builds. */
  channelUnitsStart(): string {
    return `${this.prefix}{links}:channel:`;
  }

  channelUnits(channelId: string): string {
    return `${this.channelUnitsStart()}${channelId}${CHANNEL_UNITS_END}`;
  }

  /** One county-wide hash per date, as releases before each unit held its own Yhteistyöaika kept it; see reservations-per-unit-migration.ts. */
  slotDate(date: string): string {
    return `${this.prefix}{slots}:yhteistyoaika:${date}`;
  }

  slotDates(): string {
    return `${this.prefix}{slots}:yhteistyoaika:dates`;
  }

  /** A unit's occurrence on a date: part index → the request holding it, and `parts`, how many parts it was held in. */
  unitSlotDate(unitId: string, date: string): string {
    return `${this.prefix}{slots}:unit:${unitId}:yhteistyoaika:${date}`;
  }

  /** The dates of a unit's occurrences that hold or held a case, by day number. */
  unitSlotDates(unitId: string): string {
    return `${this.prefix}{slots}:unit:${unitId}:yhteistyoaika-dates`;
  }

  /** What one request holds, `unit|date|index` by day number: what it no longer needs is found without reading every date. */
  requestSlotHolds(requestId: string): string {
    return `${this.prefix}{slots}:request:${requestId}:holds`;
  }

  /** The people in what one request holds: `unit|date` → who meets then, and when (see redis-slot-reservations.ts). */
  requestSlotPeople(requestId: string): string {
    return `${this.prefix}{slots}:request:${requestId}:people`;
  }

  /** The case meetings a person is held in, `request|startMs|endMs` by start: no two overlap, whichever units' they are. */
  personSlotHolds(personId: string): string {
    return `${this.prefix}{slots}:person:${personId}:holds`;
  }

  /** A unit's blocked occurrences: date → the block as JSON. */
  unitSlotBlocks(unitId: string): string {
    return `${this.prefix}{slots}:unit:${unitId}:blocked`;
  }

  /** Set once the county-wide reservations were moved to their units. */
  slotsPerUnitMarker(): string {
    return `${this.prefix}{slots}:per-unit`;
  }

  feedbackAnswers(): string {
    return `${this.prefix}{feedback}:feedback:answers`;
  }

  feedbackMonth(month: string): string {
    return `${this.prefix}{feedback}:feedback:month:${month}`;
  }

  feedbackRequest(requestId: string): string {
    return `${this.prefix}{feedback}:feedback:request:${requestId}`;
  }

  feedbackRespondents(requestId: string, generation: number): string {
    return `${this.prefix}{feedback}:feedback:${requestId}:${generation}:respondents`;
  }

  /** A unit's month of feedback counters, written with the answer they count. */
  monthFeedbackFigures(unitId: string, month: string): string {
    return `${this.prefix}{feedback}:unit:${unitId}:month:${month}:feedback-figures`;
  }

  /** Answer id → what was counted for it. */
  feedbackFigured(): string {
    return `${this.prefix}{feedback}:feedback:figured`;
  }

  /** BullMQ's `prefix` option: its keys are `<this>:<queue>:…`. */
  queuePrefix(): string {
    return `${this.prefix}{bull}`;
  }

  /** Which key layout the keys under the prefix are in; see key-layout-migration.ts. */
  layoutMarker(): string {
    return `${this.prefix}layout`;
  }

  layoutMigrationLock(): string {
    return `${this.prefix}layout:migrating`;
  }

  private core(rest: string): string {
    return `${this.prefix}{wf}:${rest}`;
  }
}

export const CHANNEL_UNITS_END = ':units';

/** A key prefix as a SCAN pattern matches it literally, whatever it holds. */
export const globEscaped = (text: string) => text.replace(/[\\*?[\]{}]/g, '\\$&');
