import type { BookedMeeting, BusyTime, CalendarGateway, NewMeeting } from '../../src/app/calendar-gateway.js';
import type { IntakeDeps } from '../../src/app/intake/intake-deps.js';
import type { Actor, AuditAction, AuditEntry, ChannelLinks, Delivery, FeedbackStore, Notification, ReminderPauses, SlotReservations, StoredRequest } from '../../src/app/ports.js';
import type { Scheduling } from '../../src/app/workflow/scheduling.js';
import type { WorkflowDeps } from '../../src/app/workflow/workflow-deps.js';
import { expect } from 'vitest';
import { newRequestForm } from '../../src/app/intake/request-form.js';
import type { DescriptionDraft, RequestForm } from '../../src/domain/collaboration/description.js';
import type { MeetingOutcome, ProposedSlot } from '../../src/domain/collaboration/meeting-plan.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import type { FeedbackAnswer, Questionnaire } from '../../src/domain/feedback/feedback.js';
import { finnishHolidays } from '../../src/domain/slots/calendar-days.js';
import { SlotFinder } from '../../src/domain/slots/slot-finder.js';
import { DEFAULT_SERIES } from '../../src/domain/slots/yhteistyoaika-series.js';
import type { Unit, UnitKind } from '../../src/domain/units/unit-directory.js';
import { InMemoryRequestRepository } from './in-memory-request-repository.js';
import { directory } from './people.js';
import { EMPTY_DESCRIPTION, QUESTIONNAIRE, fakeRoutingDeps } from './routing-fakes.js';

/**
 * Builders for the use-case tests in test/app: a request at each step of its life, a fixed clock,
 * in-memory ports that keep what they were asked, and a calendar that books without Graph.
 */

/** Tuesday 24.11.2026 12:00 in Helsinki: every use-case test runs at this instant unless it says otherwise. */
export const AT = '2026-11-24T10:00:00.000Z';
/** Wednesday 9.12.2026 14:00 in Helsinki: the booked meeting is under way. */
export const MEETING_STARTED = '2026-12-09T12:00:00.000Z';

const unit = (id: string) => directory.unit(id)!;
const SENDING = unit('perhesosiaalityo');
const PSYCHIATRY = unit('lastenpsykiatria');
const HEALTH = unit('terveysasemat');

/** The people of the usual request, by their part in it; ids of the example directory. */
export const PEOPLE = {
  worker: SENDING.members[0]!,
  colleague: SENDING.members[1]!,
  supervisor: SENDING.supervisors[0]!,
  deputy: SENDING.deputies[0]!,
  psychiatryLead: PSYCHIATRY.supervisors[0]!,
  psychiatryDeputy: PSYCHIATRY.deputies[0]!,
  psychiatryMember: PSYCHIATRY.members[0]!,
  healthLead: HEALTH.supervisors[0]!,
  healthMember: HEALTH.members[1]!,
  /** A social-care supervisor of a unit the request does not involve. */
  outsiderLead: unit('lastensuojelu').supervisors[0]!,
  stranger: '00000000-0000-4000-8000-00000000dead',
} as const;

export const actor = (id: string): Actor => ({ id });

export const REQUEST_ID = 'app-request-000000001';
export const REFERENCE = 'YT-2026-0042';
export const RECEIVING_UNITS = ['lastenpsykiatria', 'terveysasemat'] as const;

/** The Yhteistyöajat of December 2026 (every other Wednesday, 12:00 Helsinki is 10:00Z in winter). */
export const SLOTS: readonly ProposedSlot[] = [
  { date: '2026-12-09', start: '2026-12-09T10:00:00.000Z', end: '2026-12-09T10:45:00.000Z', caseIndexes: [0] },
  { date: '2026-12-09', start: '2026-12-09T10:45:00.000Z', end: '2026-12-09T11:30:00.000Z', caseIndexes: [1] },
  { date: '2026-12-23', start: '2026-12-23T10:00:00.000Z', end: '2026-12-23T10:45:00.000Z', caseIndexes: [0] },
];
export const EVENT_ID = 'event-0001';

export type Stage = 'draft' | 'submitted' | 'returned' | 'routed' | 'acknowledged' | 'named' | 'proposed' | 'chosen' | 'booked' | 'follow_up' | 'held' | 'closed' | 'withdrawn';

const fact = (by: string) => ({ by, at: AT });

function outcome(consent: MeetingOutcome['consent']): MeetingOutcome {
  const given = consent === 'given';
  return {
    generation: 1,
    date: SLOTS[0]!.date,
    consent,
    recordedBy: PEOPLE.worker,
    recordedAt: MEETING_STARTED,
    attendeeIds: [PEOPLE.worker, PEOPLE.psychiatryMember, PEOPLE.healthMember],
    clientPresence: given ? 'in_person' : 'absent',
    responsibleWorkerId: given ? PEOPLE.psychiatryMember : undefined,
  };
}

/**
 * The usual request (Wilma of Perhesosiaalityö to Lastenpsykiatria and Terveysasemapalvelut) as it
 * stands after `stage`: each stage adds what its step records to the one before it.
 */
export function requestAt(stage: Stage, overrides: Partial<CollaborationRequest> = {}): CollaborationRequest {
  const draft: CollaborationRequest = {
    id: REQUEST_ID,
    version: 1,
    status: 'draft',
    ownerId: PEOPLE.worker,
    sendingUnitId: 'perhesosiaalityo',
    collaborationUnitIds: [...RECEIVING_UNITS],
    descriptionDate: '2026-11-24',
    consentRecorded: true,
    needConfirmedInTeam: true,
    createdAt: AT,
    updatedAt: AT,
    units: [],
  };
  const submitted: CollaborationRequest = { ...draft, version: 2, status: 'submitted', reference: REFERENCE, submittedAt: AT, consentFact: fact(PEOPLE.worker) };
  const routed: CollaborationRequest = {
    ...submitted,
    version: 3,
    status: 'routed',
    decision: { kind: 'approved', ...fact(PEOPLE.supervisor) },
    units: RECEIVING_UNITS.map((unitId) => ({ unitId, status: 'awaiting_acknowledgement' as const })),
  };
  const acknowledged: CollaborationRequest = {
    ...routed,
    version: 5,
    units: [
      { unitId: 'lastenpsykiatria', status: 'acknowledged', processingDate: '2026-12-03', acknowledged: fact(PEOPLE.psychiatryLead) },
      { unitId: 'terveysasemat', status: 'acknowledged', processingDate: '2026-12-01', acknowledged: fact(PEOPLE.healthLead) },
    ],
  };
  const named: CollaborationRequest = {
    ...acknowledged,
    version: 7,
    units: [
      { ...acknowledged.units[0]!, status: 'worker_named', namedWorkerId: PEOPLE.psychiatryMember, named: fact(PEOPLE.psychiatryLead) },
      { ...acknowledged.units[1]!, status: 'worker_named', namedWorkerId: PEOPLE.healthMember, named: fact(PEOPLE.healthLead) },
    ],
  };
  const proposed: CollaborationRequest = { ...named, version: 8, status: 'meeting_proposed', meeting: { generation: 1, proposals: SLOTS, skipped: [] } };
  const chosen: CollaborationRequest = { ...proposed, version: 9, meeting: { ...proposed.meeting!, chosen: { ...SLOTS[0]!, ...fact(PEOPLE.worker) } } };
  const booked: CollaborationRequest = {
    ...chosen,
    version: 10,
    status: 'booked',
    meeting: { ...chosen.meeting!, booked: { slot: SLOTS[0]!, eventId: EVENT_ID, joinUrl: 'https://teams.microsoft.com/l/meetup-join/app-test', bookedAt: AT } },
  };
  const followUp: CollaborationRequest = { ...booked, version: 11, status: 'follow_up', outcomes: [outcome('given')], responsibleWorkerId: PEOPLE.psychiatryMember };
  const stages: Record<Stage, CollaborationRequest> = {
    draft,
    submitted,
    returned: { ...submitted, version: 3, status: 'returned', decision: { kind: 'returned', ...fact(PEOPLE.supervisor) } },
    routed,
    acknowledged,
    named,
    proposed,
    chosen,
    booked,
    follow_up: followUp,
    held: { ...booked, version: 11, status: 'held', outcomes: [outcome('not_given')] },
    closed: { ...followUp, version: 12, status: 'closed', closed: fact(PEOPLE.psychiatryMember) },
    withdrawn: { ...routed, version: 4, status: 'withdrawn', withdrawn: fact(PEOPLE.worker) },
  };
  return { ...stages[stage], ...overrides };
}

/** A description that names nobody, as a worker would send it. */
export const DESCRIBED: DescriptionDraft = {
  ...EMPTY_DESCRIPTION,
  texts: {
    senderContact: 'Wilma Työntekijä, wilma.tyontekija@hyvinvointialue.example',
    wantedServices: 'Arvio unihäiriöistä.',
    receivedServices: 'Perhetyötä.',
    whatWorked: 'Kotikäynnit.',
    assessmentHighlights: 'Koordinoitu tuki.',
  },
};

/** A Teams meeting per create, kept with its transaction id as Graph keeps it: a repeated create returns the first. */
export class FakeCalendar implements CalendarGateway {
  readonly created: NewMeeting[] = [];
  readonly moved: { organizer: string; eventId: string; startIso: string; endIso: string }[] = [];
  readonly cancelled: { organizer: string; eventId: string; comment: string }[] = [];
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

  async attendeeResponses(): Promise<readonly { mailbox: string; response: string }[]> {
    return this.responses;
  }

  async cancelMeeting(organizer: string, eventId: string, comment: string): Promise<void> {
    this.cancelled.push({ organizer, eventId, comment });
  }
}

/** Parts of occurrences held by requests, all or none per reservation, as the Redis reservations hold them. */
export class InMemoryReservations implements SlotReservations {
  private readonly held = new Map<string, string>();

  async reserve(date: string, caseIndexes: readonly number[], requestId: string): Promise<boolean> {
    if (caseIndexes.some((i) => (this.held.get(`${date}|${i}`) ?? requestId) !== requestId)) return false;
    for (const i of caseIndexes) this.held.set(`${date}|${i}`, requestId);
    return true;
  }

  async release(date: string, caseIndexes: readonly number[], requestId: string): Promise<void> {
    for (const i of caseIndexes) if (this.held.get(`${date}|${i}`) === requestId) this.held.delete(`${date}|${i}`);
  }

  async bookedBetween(fromDate: string, toDate: string): Promise<{ date: string; index: number }[]> {
    return [...this.held.keys()]
      .map((key) => ({ date: key.split('|')[0]!, index: Number(key.split('|')[1]) }))
      .filter((b) => b.date >= fromDate && b.date <= toDate);
  }

  holder(date: string, index: number): string | undefined {
    return this.held.get(`${date}|${index}`);
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

  async answersFor(unitIds: readonly string[], fromMonth: string, toMonth: string): Promise<FeedbackAnswer[]> {
    return [...this.answers.values()].filter((a) => a.month >= fromMonth && a.month <= toMonth && a.unitIds.some((u) => unitIds.includes(u)));
  }

  async forgetComments(requestId: string): Promise<void> {
    this.forgotten.push(requestId);
  }
}

/** A unit's channel and a channel's units, both ways, as the Redis links keep them. */
export class InMemoryChannelLinks implements ChannelLinks {
  private readonly channels = new Map<string, string>();

  async link(unitId: string, channelId: string): Promise<void> {
    this.channels.set(unitId, channelId);
  }

  async unlink(unitId: string): Promise<void> {
    this.channels.delete(unitId);
  }

  async channelOf(unitId: string): Promise<string | undefined> {
    return this.channels.get(unitId);
  }

  async unitsLinkedTo(channelId: string): Promise<string[]> {
    return [...this.channels].filter(([, channel]) => channel === channelId).map(([unitId]) => unitId).sort();
  }
}

/** One pause per unit, a new one replacing the old. */
export class InMemoryReminderPauses implements ReminderPauses {
  private readonly pauses = new Map<string, { from: string; to: string }>();

  async pause(unitId: string, from: string, to: string): Promise<void> {
    this.pauses.set(unitId, { from, to });
  }

  async pausedOn(unitId: string, date: string): Promise<{ from: string; to: string } | undefined> {
    const pause = this.pauses.get(unitId);
    return pause && pause.from <= date && date <= pause.to ? pause : undefined;
  }
}

export const SERIES = { ...DEFAULT_SERIES, anchor: '2026-11-25' };

/** Booking without Graph: the fake calendar, in-memory reservations and the real slot finder. */
export function fakeScheduling(calendar = new FakeCalendar(), reservations = new InMemoryReservations(), overrides: Partial<Scheduling> = {}): Scheduling {
  return {
    calendar,
    reservations,
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
  const reservations = new InMemoryReservations();
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
      refreshCards: async (stored) => void redrawn.push(stored.request.version),
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
    audited: (action: AuditAction) => [...requests.audited, ...audit].filter((entry) => entry.action === action),
    /** Effects queued, as kind and key. */
    effects: () => queued.map((q) => ({ kind: q.effect.kind, key: q.key })),
  };
}

export type AppScene = Awaited<ReturnType<typeof appScene>>;

/** Intake's ports around a fresh in-memory store: a fixed clock, a reference counter from 42 and a queue that keeps what it was given. */
export function intakeScene(at = AT) {
  const requests = new InMemoryRequestRepository();
  const audit: AuditEntry[] = [];
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
    effects: workflow.effects,
  };
  return { deps, requests, queued, audit, effects: () => queued.map((q) => ({ kind: q.effect.kind, key: q.key })) };
}

/** A description form as the worker's card sends it, complete unless `overrides` say otherwise. */
export function completeForm(overrides: Partial<RequestForm> = {}): RequestForm {
  return {
    ...newRequestForm(directory, PEOPLE.worker, '2026-11-24'),
    collaborationUnitIds: [...RECEIVING_UNITS],
    ...DESCRIBED.texts,
    consentRecorded: true,
    needConfirmedInTeam: true,
    ...overrides,
  };
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

/** A text the same in every language, for the small directories and questionnaires a test makes up. */
export const sameInAll = (text: string) => ({ fi: text, sv: text, en: text });

/** A unit of a made-up directory, with `member` as its one member. */
export function madeUpUnit(id: string, supervisors: string[], deputies: string[] = [], kind: UnitKind = 'health_care'): Unit {
  return { id, kind, name: sameInAll(id), supervisors, deputies, members: ['member'] };
}

/** One question and the client's rating: what the reporting tests average. */
export const ONE_QUESTION: Questionnaire = { questions: [{ id: 'useful', text: sameInAll('useful') }], clientQuestion: sameInAll('client') };

/** A request `member` sent from the unit at `at`, waiting for approval: one "sent" in that month's metrics. */
export function sentFrom(unitId: string, at: string, collaborationUnitIds: readonly string[] = []): CollaborationRequest {
  return {
    id: `from-${unitId}`,
    version: 2,
    status: 'submitted',
    ownerId: 'member',
    sendingUnitId: unitId,
    collaborationUnitIds,
    consentRecorded: true,
    needConfirmedInTeam: true,
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
    units: [],
  };
}
