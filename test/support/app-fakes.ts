import { InMemoryOccurrenceBlocks } from './in-memory-occurrence-blocks.js';
import { InMemorySlotReservations } from './in-memory-slot-reservations.js';
import { InMemoryChannelLinks } from './in-memory-channel-links.js';
import { InMemoryReminderPauses } from './in-memory-reminder-pauses.js';
import { InMemoryAuditLog } from './in-memory-audit-log.js';
import { expect } from 'vitest';
import type { BookedMeeting, BusyTime, CalendarGateway, NewMeeting } from '../../src/app/calendar-gateway.js';
import type { IntakeDeps } from '../../src/app/intake/intake-deps.js';
import type { AuditAction, AuditEntry, Delivery, FeedbackStore, Notification, StoredRequest } from '../../src/app/ports.js';
import type { Scheduling } from '../../src/app/workflow/scheduling.js';
import type { WorkflowDeps } from '../../src/app/workflow/workflow-deps.js';
import type { DescriptionDraft } from '../../src/domain/collaboration/description.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import type { FeedbackAnswer } from '../../src/domain/feedback/feedback.js';
import { answerContributions, type MonthCounters } from '../../src/domain/metrics/month-figures.js';
import { finnishHolidays } from '../../src/domain/slots/calendar-days.js';
import { SlotFinder } from '../../src/domain/slots/slot-finder.js';
import { DEFAULT_SERIES } from '../../src/domain/slots/yhteistyoaika-series.js';
import { AT, DESCRIBED, REQUEST_ID } from './app-requests.js';
import { InMemoryRequestRepository } from './in-memory-request-repository.js';
import { countersOf } from './month-figures.js';
import { QUESTIONNAIRE, fakeRoutingDeps } from './routing-fakes.js';

/**
 * The ports of the use-case tests in test/app: a fixed clock, the example directory, in-memory
 * stores that keep what they were asked, a calendar that books without Graph, and the checks a
 * refused attempt is held to. The requests they start from are in app-requests.ts.
 */

/** A Teams meeting per create, kept with its transaction id as Graph keeps it: a repeated create returns the first. */
export class FakeCalendar implements CalendarGateway {
  readonly created: NewMeeting[] = [];
  readonly moved: { organizer: string; eventId: string; startIso: string; endIso: string }[] = [];
  readonly cancelled: { organizer: string; eventId: string; comment: string }[] = [];
  readonly attendeeChanges: { organizer: string; eventId: string; attendees: readonly string[] }[] = [];
  busy: BusyTime[] = [];
  responses: { mailbox: string; response: string }[] = [];
  private readonly byTransaction = new Map<string, BookedMeeting>();

  async getBusyTimes(mailboxes: readonly string[], fromIso: string, toIso: string): Promise<readonly BusyTime[]> {
    const wanted = new Set(mailboxes.map((m) => m.toLowerCase()));
    return this.busy.filter((b) => wanted.has(b.mailbox.toLowerCase()) && b.endIso > fromIso && b.startIso < toIso);
  }

  async createMeeting(meeting: NewMeeting): Promise<BookedMeeting> {
    const existing = this.byTransaction.get(meeting.transactionId);
    if (existing) return existing;
    this.created.push(meeting);
    const booked = { eventId: `event-${this.created.length}`, joinUrl: `https://teams.microsoft.com/l/meetup-join/${this.created.length}` };
    this.byTransaction.set(meeting.transactionId, booked);
    return booked;
  }

  async moveMeeting(organizer: string, eventId: string, startIso: string, endIso: string): Promise<void> {
    this.moved.push({ organizer, eventId, startIso, endIso });
  }

  async updateAttendees(organizer: string, eventId: string, attendees: readonly string[]): Promise<void> {
    this.attendeeChanges.push({ organizer, eventId, attendees });
  }

  async attendeeResponses(): Promise<readonly { mailbox: string; response: string }[]> {
    return this.responses;
  }

  async findMeeting(_organizer: string, transactionId: string): Promise<string | undefined> {
    const made = this.byTransaction.get(transactionId);
    return made && !this.cancelled.some((c) => c.eventId === made.eventId) ? made.eventId : undefined;
  }

  async cancelMeeting(organizer: string, eventId: string, comment: string): Promise<void> {
    this.cancelled.push({ organizer, eventId, comment });
  }
}


/** Answers by respondent, request and meeting; who answered is kept apart, as the store promises. */
export class InMemoryFeedback implements FeedbackStore {
  private readonly answers = new Map<string, FeedbackAnswer>();
  readonly forgotten: string[] = [];

  async save(respondentId: string, answer: FeedbackAnswer): Promise<'created' | 'updated'> {
    const key = `${respondentId}|${answer.requestId}|${answer.generation}`;
    const outcome = this.answers.has(key) ? 'updated' : 'created';
    this.answers.set(key, answer);
    return outcome;
  }

  async answerOf(respondentId: string, requestId: string, generation: number): Promise<FeedbackAnswer | undefined> {
    return this.answers.get(`${respondentId}|${requestId}|${generation}`);
  }

  async respondents(requestId: string, generation: number): Promise<string[]> {
    return [...this.answers.keys()].filter((k) => k.endsWith(`|${requestId}|${generation}`)).map((k) => k.split('|')[0]!);
  }

  async monthFigures(unitIds: readonly string[], months: readonly string[]): Promise<MonthCounters[][]> {
    return countersOf([...this.answers.values()].flatMap(answerContributions), unitIds, months);
  }

  async forgetComments(requestId: string): Promise<void> {
    this.forgotten.push(requestId);
  }
}

export const SERIES = { ...DEFAULT_SERIES, anchor: '2026-11-25' };

/** Booking without Graph: the fake calendar, in-memory reservations and the real slot finder. */
export function fakeScheduling(calendar = new FakeCalendar(), reservations = new InMemorySlotReservations(), overrides: Partial<Scheduling> = {}): Scheduling {
  return {
    calendar,
    reservations,
    blocks: new InMemoryOccurrenceBlocks(),
    finder: new SlotFinder(SERIES, finnishHolidays, []),
    series: SERIES,
    seriesTexts: { subject: 'Yhteistyöaika', body: 'Yhteistyö-tiimin vakioaika' },
    leadWorkingDays: 2,
    proposals: 3,
    eventTexts: (reference) => ({ subject: `Yhteistyöaika ${reference}`, body: reference, cancelComment: reference }),
    ...overrides,
  };
}

/** Who a notification reaches when delivery works: the person, or the unit's channel. */
function reached(notification: Notification): Delivery {
  return { recipients: ['to' in notification ? notification.to : `channel:${notification.unitId}`], failures: [] };
}

export interface SceneOptions {
  readonly at?: string;
  readonly description?: DescriptionDraft;
  /** false: Graph is not configured, so nothing is booked. */
  readonly scheduling?: boolean;
  /** Booking settings other than the defaults, e.g. a service mailbox as organizer. */
  readonly schedulingOverrides?: Partial<Scheduling>;
  /** How the notifier fares with each notification; by default everyone is reached. */
  readonly deliver?: (notification: Notification) => Delivery;
  readonly overrides?: Partial<WorkflowDeps>;
}

/**
 * The workflow's ports around one stored request (none for `undefined`): a fixed clock, the example
 * directory, and fakes that keep what was notified, queued, audited, booked and redrawn.
 */
export async function appScene(request: CollaborationRequest | undefined, options: SceneOptions = {}) {
  const requests = new InMemoryRequestRepository();
  if (request) await requests.create({ request, description: options.description ?? DESCRIBED });
  const audit: AuditEntry[] = [];
  const notified: Notification[] = [];
  const redrawn: number[] = [];
  const calendar = new FakeCalendar();
  const reservations = new InMemorySlotReservations();
  const feedback = new InMemoryFeedback();
  const channelLinks = new InMemoryChannelLinks();
  const pauses = new InMemoryReminderPauses();
  const deliver = options.deliver ?? reached;
  const fakes = fakeRoutingDeps(requests, options.at ?? AT);
  const { deps, queued } = fakeRoutingDeps(requests, options.at ?? AT, {
    channelLinks,
    reminders: { ...fakes.deps.reminders, pauses },
    audit: { record: async (entry) => void audit.push(entry) },
    notifier: {
      notify: async (_stored, notification) => {
        notified.push(notification);
        return deliver(notification);
      },
      refreshCards: async (stored) => {
        redrawn.push(stored.request.version);
        return { recipients: [], failures: [] };
      },
    },
    scheduling: options.scheduling === false ? undefined : fakeScheduling(calendar, reservations, options.schedulingOverrides),
    followUp: { feedback, questionnaire: QUESTIONNAIRE, feedbackTime: '15:00', retentionDays: 30 },
    ...options.overrides,
  });
  return {
    deps,
    requests,
    /** The request as the scene stored it, before anything ran. */
    initial: request,
    queued,
    audit,
    notified,
    redrawn,
    calendar,
    reservations,
    feedback,
    channelLinks,
    pauses,
    /** The request as stored now. */
    stored: async (): Promise<StoredRequest> => (await requests.get(request?.id ?? REQUEST_ID))!,
    /** The entries of one action, whether written with a decision or on their own (refusals, reads, disclosures). */
    audited: (action: AuditAction) => [...requests.auditLog.recorded, ...audit].filter((entry) => entry.action === action),
    /** Effects queued, as kind and key. */
    effects: () => queued.map((q) => ({ kind: q.effect.kind, key: q.key })),
  };
}

export type AppScene = Awaited<ReturnType<typeof appScene>>;

/** Intake's ports around a fresh in-memory store: a fixed clock, a reference counter from 42 and a queue that keeps what it was given. */
/** An audit log that also lists its entries in an array the test holds, whichever writer wrote them. */
class ListedAuditLog extends InMemoryAuditLog {
  constructor(private readonly list: AuditEntry[]) {
    super();
  }

  override async record(entry: AuditEntry): Promise<void> {
    this.list.push(entry);
    await super.record(entry);
  }
}

export function intakeScene(at = AT) {
  const audit: AuditEntry[] = [];
  const requests = new InMemoryRequestRepository(new ListedAuditLog(audit));
  const { deps: workflow, queued } = fakeRoutingDeps(requests, at);
  let sequence = 41;
  const deps: IntakeDeps = {
    requests,
    references: { next: async () => ++sequence },
    audit: { record: async (entry) => void audit.push(entry) },
    clock: workflow.clock,
    ids: { requestId: () => REQUEST_ID },
    directory: workflow.directory,
    locks: workflow.locks,
  };
  return { deps, requests, queued, audit, effects: () => queued.map((q) => ({ kind: q.effect.kind, key: q.key })) };
}

/** What a refused use case answers. */
export const refusal = (code: string) => ({ ok: false, error: { code } });

/** The entry a refused attempt leaves in the audit log: who tried, on which request, when. */
export const denied = (actorId: string, unitId?: string, at = AT): AuditEntry => ({ at, actorId, action: 'request.access_denied', requestId: REQUEST_ID, unitId });

/**
 * A refused attempt by someone without the right: the answer, the one audit entry it leaves, the
 * request as it was and nothing set in motion.
 */
export async function expectDenied(
  scene: AppScene,
  answer: unknown,
  personId: string,
  options: { readonly code?: string; readonly unitId?: string; readonly at?: string } = {},
): Promise<void> {
  expect(answer).toEqual(refusal(options.code ?? 'request.not_permitted'));
  expect(scene.audited('request.access_denied')).toEqual([denied(personId, options.unitId, options.at)]);
  expect((await scene.stored()).request).toEqual(scene.initial);
  expect(scene.queued).toEqual([]);
}

/**
 * A refusal in the wrong state or with the wrong input: the answer (an error code, or the whole
 * error), the request (if the scene has one) as it was, nothing set in motion, and no access-denied entry.
 */
export async function expectRefused(scene: AppScene, answer: unknown, error: string | Record<string, unknown>): Promise<void> {
  expect(answer).toEqual(typeof error === 'string' ? refusal(error) : { ok: false, error });
  if (scene.initial) expect((await scene.stored()).request).toEqual(scene.initial);
  expect(scene.queued).toEqual([]);
  expect(scene.audited('request.access_denied')).toEqual([]);
}
