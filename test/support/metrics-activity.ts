import type { RedisClient } from '../../src/store/redis-connection.js';
import type { EncryptionKey } from '../../src/config/env.js';
import { emptyTexts } from '../../src/domain/collaboration/description.js';
import type { CollaborationRequest, UnitHandling } from '../../src/domain/collaboration/request.js';
import type { FeedbackAnswer } from '../../src/domain/feedback/feedback.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisFeedbackStore } from '../../src/store/redis-feedback-store.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { auditChain } from './audit-chain.js';
import { directory } from './people.js';

const DAY_MS = 24 * 3600 * 1000;

/** The clock of the metrics tests: late November 2026, with October and November behind it. */
export const METRICS_NOW = '2026-11-27T10:00:00Z';

export const LEADERSHIP_ID = directory.leadership[0]!.id;

/** A worker's feedback as the bot stores it: who answered (for the pseudonym) and what. */
export interface StoredAnswer {
  readonly respondentId: string;
  readonly answer: FeedbackAnswer;
}

export interface Activity {
  readonly requests: readonly CollaborationRequest[];
  readonly answers: readonly StoredAnswer[];
}

export interface TargetSpec {
  readonly unitId: string;
  /** Days after sending; absent when the step is still to come. */
  readonly acknowledgedAfter?: number | undefined;
  readonly namedAfter?: number | undefined;
}

export interface RequestSpec {
  readonly id: string;
  readonly sendingUnitId: string;
  readonly submittedAt: string;
  readonly approvedAfter: number;
  readonly targets: readonly TargetSpec[];
  /** The first meeting: its county date, whether the client gave consent, who was there besides the chair. */
  readonly meeting?: { readonly date: string; readonly consent: 'given' | 'not_given'; readonly attendeeIds: readonly string[] } | undefined;
}

const unit = (id: string) => directory.unit(id)!;
const after = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** The request as the workflow leaves it after the steps the spec names; metadata only, as the metrics read it. */
export function handledRequest(spec: RequestSpec): CollaborationRequest {
  const sending = unit(spec.sendingUnitId);
  const ownerId = sending.members[0]!;
  const units = spec.targets.map((target): UnitHandling => {
    const receiving = unit(target.unitId);
    const acknowledged = target.acknowledgedAfter === undefined ? undefined : { by: receiving.supervisors[0]!, at: after(spec.submittedAt, target.acknowledgedAfter) };
    const named = target.namedAfter === undefined ? undefined : { by: receiving.supervisors[0]!, at: after(spec.submittedAt, target.namedAfter) };
    return {
      unitId: target.unitId,
      status: named ? 'worker_named' : acknowledged ? 'acknowledged' : 'awaiting_acknowledgement',
      acknowledged,
      named,
      namedWorkerId: named ? receiving.members[0] : undefined,
    };
  });
  const outcome = spec.meeting && {
    generation: 1,
    date: spec.meeting.date,
    consent: spec.meeting.consent,
    recordedBy: ownerId,
    recordedAt: `${spec.meeting.date}T11:30:00Z`,
    attendeeIds: spec.meeting.attendeeIds,
    clientPresence: 'in_person' as const,
    responsibleWorkerId: spec.meeting.consent === 'given' ? ownerId : undefined,
  };
  const approvedAt = after(spec.submittedAt, spec.approvedAfter);
  return {
    id: spec.id,
    version: 6,
    status: outcome ? (outcome.consent === 'given' ? 'follow_up' : 'routed') : 'routed',
    reference: `YT-2026-${spec.id.replace(/\D/g, '').padStart(4, '0').slice(-4)}`,
    ownerId,
    sendingUnitId: spec.sendingUnitId,
    collaborationUnitIds: spec.targets.map((t) => t.unitId),
    consentRecorded: true,
    needConfirmedInTeam: true,
    createdAt: after(spec.submittedAt, -1),
    updatedAt: outcome?.recordedAt ?? approvedAt,
    submittedAt: spec.submittedAt,
    consentFact: { by: ownerId, at: spec.submittedAt },
    decision: { kind: 'approved', by: sending.supervisors[0]!, at: approvedAt },
    units,
    outcomes: outcome ? [outcome] : undefined,
    responsibleWorkerId: outcome?.responsibleWorkerId,
  };
}

/** Worker answers to a request's first meeting, one per score list, from the people who were there. */
export function workerAnswers(request: CollaborationRequest, scores: readonly Readonly<Record<string, number>>[]): StoredAnswer[] {
  const outcome = request.outcomes?.[0];
  if (!outcome) throw new Error('setup: answers need a meeting');
  const present = [outcome.recordedBy, ...outcome.attendeeIds];
  if (scores.length > present.length) throw new Error('setup: more answers than people present');
  return scores.map((s, i) => ({
    respondentId: present[i]!,
    answer: {
      requestId: request.id,
      generation: outcome.generation,
      month: outcome.date.slice(0, 7),
      unitIds: [request.sendingUnitId!, ...request.collaborationUnitIds],
      respondent: 'worker',
      scores: s,
      comment: '',
    },
  }));
}

/** mulberry32: a few lines of deterministic randomness, so every run seeds the same two months. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Who sends to whom in the generated months. */
const ROUTES: readonly (readonly [string, readonly string[]])[] = [
  ['perhesosiaalityo', ['lastenpsykiatria', 'neuvolat', 'terveysasemat']],
  ['terveysasemat', ['aikuissosiaalityo', 'mielenterveys-paihde', 'perhesosiaalityo']],
  ['lastensuojelu', ['lastenpsykiatria', 'perhesosiaalityo']],
];

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The ids of infra/feedback-questions.yaml. */
const FEEDBACK_QUESTIONS = ['clarified', 'division_of_work', 'expertise_present', 'would_bring_again'];

/** The first Wednesday at least two days after `iso`, as a date. */
function meetingDateAfter(iso: string): string {
  const date = new Date(Date.parse(iso) + 2 * DAY_MS);
  while (date.getUTCDay() !== 3) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * October and November 2026 of three sending units: requests on working days, approved within
 * days, acknowledged and named by the receiving units, meetings on Wednesdays, now and then no
 * consent, October's meetings answered by most of those present. In November two meetings have
 * feedback: six workers answered one of family social work's (averages shown), three answered
 * one of the health centres' (averages withheld).
 */
export function twoMonthsOfWork(): Activity & { readonly shown: CollaborationRequest; readonly withheld: CollaborationRequest } {
  const random = randomSource(7);
  const today = METRICS_NOW.slice(0, 10);
  const requests: CollaborationRequest[] = [];
  const answers: StoredAnswer[] = [];
  const likert = () => 2 + Math.floor(random() * 4);
  for (let day = Date.parse('2026-10-01T00:00:00Z'); day <= Date.parse('2026-11-20T00:00:00Z'); day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const [sendingUnitId, partners] of ROUTES) {
      if (random() > 0.45) continue;
      const submittedAt = new Date(day + (7 + Math.floor(random() * 7)) * 3600 * 1000).toISOString();
      const approvedAfter = round1(0.2 + random() * 2.5);
      const targets = partners.filter(() => random() < 0.5).slice(0, 2);
      if (targets.length === 0) targets.push(partners[Math.floor(random() * partners.length)]!);
      const steps = targets.map((unitId) => {
        const acknowledgedAfter = round1(approvedAfter + 0.5 + random() * 3);
        const namedAfter = round1(acknowledgedAfter + 1 + random() * 5);
        const done = (d: number) => (after(submittedAt, d) < METRICS_NOW ? d : undefined);
        return { unitId, acknowledgedAfter: done(acknowledgedAfter), namedAfter: done(namedAfter) };
      });
      const lastNamed = steps.every((s) => s.namedAfter !== undefined) ? Math.max(...steps.map((s) => s.namedAfter!)) : undefined;
      const date = lastNamed === undefined ? undefined : meetingDateAfter(after(submittedAt, lastNamed));
      const attendeeIds = targets.map((u) => unit(u).members[0]!);
      const request = handledRequest({
        id: `gen-${requests.length + 1}`,
        sendingUnitId,
        submittedAt,
        approvedAfter,
        targets: steps,
        meeting: date && date < today ? { date, consent: random() < 0.85 ? 'given' : 'not_given', attendeeIds } : undefined,
      });
      requests.push(request);
      // About three in four of those at October's meetings answered; November's feedback is set below, to the answer.
      const held = request.outcomes?.[0];
      if (held?.consent === 'given' && held.date.startsWith('2026-10')) {
        const answering = [held.recordedBy, ...held.attendeeIds].filter(() => random() < 0.75);
        const scores = answering.map(() => Object.fromEntries(FEEDBACK_QUESTIONS.map((q) => [q, likert()])));
        answers.push(...workerAnswers(request, scores));
      }
    }
  }
  const shown = handledRequest({
    id: 'feedback-shown-1',
    sendingUnitId: 'perhesosiaalityo',
    submittedAt: '2026-10-26T08:30:00Z',
    approvedAfter: 1,
    targets: [{ unitId: 'lastenpsykiatria', acknowledgedAfter: 2, namedAfter: 4 }],
    meeting: { date: '2026-11-11', consent: 'given', attendeeIds: [...unit('perhesosiaalityo').members.slice(1), ...unit('lastenpsykiatria').members] },
  });
  const withheld = handledRequest({
    id: 'feedback-withheld-2',
    sendingUnitId: 'terveysasemat',
    submittedAt: '2026-10-28T09:00:00Z',
    approvedAfter: 0.5,
    targets: [{ unitId: 'aikuissosiaalityo', acknowledgedAfter: 1.5, namedAfter: 6 }],
    meeting: { date: '2026-11-18', consent: 'given', attendeeIds: [unit('terveysasemat').members[1]!, ...unit('aikuissosiaalityo').members] },
  });
  answers.push(
    ...workerAnswers(shown, [
      { clarified: 5, division_of_work: 4, expertise_present: 5, would_bring_again: 5 },
      { clarified: 4, division_of_work: 4, expertise_present: 5, would_bring_again: 4 },
      { clarified: 4, division_of_work: 3, expertise_present: 4, would_bring_again: 5 },
      { clarified: 5, division_of_work: 5, expertise_present: 4, would_bring_again: 5 },
      { clarified: 3, division_of_work: 4, expertise_present: 4, would_bring_again: 4 },
      { clarified: 4, division_of_work: 4, expertise_present: 5, would_bring_again: 5 },
    ]),
    ...workerAnswers(withheld, [
      { clarified: 2, division_of_work: 3, expertise_present: 4, would_bring_again: 3 },
      { clarified: 4, division_of_work: 4, expertise_present: 3, would_bring_again: 4 },
      { clarified: 3, division_of_work: 2, expertise_present: 4, would_bring_again: 3 },
    ]),
  );
  return { requests: [...requests, shown, withheld], answers, shown, withheld };
}

/** Stores the activity through the bot's own Redis stores, under the bot's key prefix and keys. */
export async function storeActivity(redis: RedisClient, prefix: string, keys: readonly EncryptionKey[], activity: Activity): Promise<void> {
  const cipher = new DescriptionCipher(keys);
  const requests = new RedisRequestRepository(redis, prefix, cipher, auditChain(prefix));
  const feedback = new RedisFeedbackStore(redis, prefix, cipher, keys);
  for (const request of activity.requests) {
    const outcome = await requests.create({ request, description: { texts: emptyTexts(), confirmedNameHints: [], pendingNameHints: [] } });
    if (outcome !== 'written') throw new Error(`setup: ${request.id} not stored`);
  }
  for (const { respondentId, answer } of activity.answers) await feedback.save(respondentId, answer);
}
