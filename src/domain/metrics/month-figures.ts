import type { CollaborationRequest, UnitHandling } from '../collaboration/request.js';
import type { FeedbackAnswer } from '../feedback/feedback.js';
import { countyDate } from '../time.js';
import { LEAD_STEPS, MIN_GROUP_SIZE, type LeadStep, type LeadTimes, type MonthMetrics, type ScoreAverage } from './unit-metrics.js';

/**
 * A unit's month as counters that only ever add up: counts, and sums with their counts of whole
 * milliseconds (lead times to a fact) and whole days (to a meeting, a date). Integers, so a store
 * can keep them with HINCRBY in any order and still hold the exact sums; averages are worked out
 * when read, rounded as the report shows them.
 */
export type MonthCounters = Readonly<Record<string, number>>;

/** What one request or answer adds to one counter of one unit's month (or takes off, when negative). */
export interface FigureChange {
  readonly unitId: string;
  /** yyyy-MM, the county's. */
  readonly month: string;
  readonly counter: string;
  readonly amount: number;
}

type LeadView = 'sent' | 'received';

/** The sum of a lead time in whole units (ms, or days for the meeting) and how many it sums. */
const leadSum = (view: LeadView, step: LeadStep) => `${view}.${step}.${step === 'meeting' ? 'days' : 'ms'}`;
const leadCount = (view: LeadView, step: LeadStep) => `${view}.${step}.n`;
const questionSum = (questionId: string) => `q.${questionId}.sum`;
const questionCount = (questionId: string) => `q.${questionId}.n`;

const DAY_MS = 24 * 3600 * 1000;

type Sent = CollaborationRequest & { readonly submittedAt: string };

const isSent = (request: CollaborationRequest): request is Sent => request.status !== 'draft' && request.submittedAt !== undefined;

const monthOf = (instant: string) => countyDate(new Date(instant)).slice(0, 7);

const msBetween = (from: string, to: string) => Date.parse(to) - Date.parse(from);

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** Changes summed by unit, month and counter, those that come to nothing left out. */
function summed(changes: readonly FigureChange[]): FigureChange[] {
  const totals = new Map<string, FigureChange>();
  for (const change of changes) {
    const key = `${change.unitId} ${change.month} ${change.counter}`;
    const amount = (totals.get(key)?.amount ?? 0) + change.amount;
    totals.set(key, { ...change, amount });
  }
  return [...totals.values()].filter((c) => c.amount !== 0);
}

/** What moving from the `before` contributions to the `after` ones changes, counter by counter. */
export function figureDelta(after: readonly FigureChange[], before: readonly FigureChange[]): FigureChange[] {
  return summed([...after, ...before.map((c) => ({ ...c, amount: -c.amount }))]);
}

/**
 * The lead times one request adds to a view of a unit's month: approval from the request, the
 * acknowledgement and naming of each handling given, the first meeting in calendar days from the
 * county date of sending (the meeting has a date, not an instant).
 */
function leadChanges(unitId: string, month: string, view: LeadView, request: Sent, handlings: readonly UnitHandling[]): FigureChange[] {
  const lead = (step: LeadStep, amount: number): FigureChange[] => [
    { unitId, month, counter: leadSum(view, step), amount },
    { unitId, month, counter: leadCount(view, step), amount: 1 },
  ];
  const first = request.outcomes?.[0];
  return [
    ...(request.decision?.kind === 'approved' ? lead('approval', msBetween(request.submittedAt, request.decision.at)) : []),
    ...handlings.flatMap((u) => (u.acknowledged ? lead('acknowledgement', msBetween(request.submittedAt, u.acknowledged.at)) : [])),
    ...handlings.flatMap((u) => (u.named ? lead('named', msBetween(request.submittedAt, u.named.at)) : [])),
    ...(first ? lead('meeting', Math.round(msBetween(countyDate(new Date(request.submittedAt)), first.date) / DAY_MS)) : []),
  ];
}

/**
 * What a request adds to the months of the units it involves: to the sending unit's month of
 * sending, to each receiving unit's month of the approval that routed it, and to every involved
 * unit's months of its meetings. A draft adds nothing.
 */
export function metricContributions(request: CollaborationRequest): FigureChange[] {
  if (!isSent(request)) return [];
  const changes: FigureChange[] = [];
  const { sendingUnitId } = request;
  if (sendingUnitId !== undefined) {
    const month = monthOf(request.submittedAt);
    changes.push({ unitId: sendingUnitId, month, counter: 'sent', amount: 1 }, ...leadChanges(sendingUnitId, month, 'sent', request, request.units));
  }
  if (request.decision?.kind === 'approved') {
    const month = monthOf(request.decision.at);
    for (const unitId of new Set(request.units.map((u) => u.unitId))) {
      const own = request.units.find((u) => u.unitId === unitId)!;
      changes.push({ unitId, month, counter: 'received', amount: 1 }, ...leadChanges(unitId, month, 'received', request, [own]));
    }
  }
  const involved = new Set([...(sendingUnitId === undefined ? [] : [sendingUnitId]), ...request.units.map((u) => u.unitId)]);
  for (const outcome of request.outcomes ?? []) {
    const month = outcome.date.slice(0, 7);
    for (const unitId of involved) {
      if (outcome.consent === 'given') {
        // Those asked for feedback: the people marked present, the chair among them.
        const asked = new Set([outcome.recordedBy, ...outcome.attendeeIds]).size;
        changes.push({ unitId, month, counter: 'meetingsHeld', amount: 1 }, { unitId, month, counter: 'asked', amount: asked });
      } else {
        changes.push({ unitId, month, counter: 'consentNotGiven', amount: 1 });
      }
    }
  }
  return summed(changes);
}

/**
 * What an answer adds to the month of its meeting for each unit of the meeting: a worker's answer
 * counts as one and adds each question's score; a client's answer adds the one rating the chair
 * recorded. Scores are whole numbers (1..5).
 */
export function answerContributions(answer: FeedbackAnswer): FigureChange[] {
  const { month } = answer;
  const scores = Object.entries(answer.scores);
  return summed(
    [...new Set(answer.unitIds)].flatMap((unitId): FigureChange[] =>
      answer.respondent === 'worker'
        ? [
            { unitId, month, counter: 'workerAnswers', amount: 1 },
            ...scores.flatMap(([id, score]) => [
              { unitId, month, counter: questionSum(id), amount: score },
              { unitId, month, counter: questionCount(id), amount: 1 },
            ]),
          ]
        : scores.flatMap(([, score]) => [
            { unitId, month, counter: 'client.sum', amount: score },
            { unitId, month, counter: 'client.n', amount: 1 },
          ]),
    ),
  );
}

const counted = (counters: MonthCounters, counter: string) => counters[counter] ?? 0;

/** An average of sums over counts, one decimal; undefined when nothing was counted. */
function averageOf(sum: number, count: number, unit: number): number | undefined {
  return count === 0 ? undefined : round(sum / unit / count, 1);
}

/** Each average stands on its own scores: a question few answered stays hidden even in a month many answered. */
function scoreAverage(sum: number, count: number): ScoreAverage {
  return count > 0 && count < MIN_GROUP_SIZE ? 'suppressed' : averageOf(sum, count, 1);
}

function leadTimes(counters: MonthCounters, view: LeadView): LeadTimes {
  const entries = LEAD_STEPS.map((step) => [
    step,
    averageOf(counted(counters, leadSum(view, step)), counted(counters, leadCount(view, step)), step === 'meeting' ? 1 : DAY_MS),
  ]);
  return Object.fromEntries(entries) as LeadTimes;
}

/**
 * One row per month from a unit's counters: `counters[i]` and `answerCounters[i]` are the
 * requests' and the answers' for `months[i]` (empty when nothing counted there).
 */
export function monthMetricsFrom(
  months: readonly string[],
  counters: readonly MonthCounters[],
  answerCounters: readonly MonthCounters[],
  questionIds: readonly string[],
): MonthMetrics[] {
  return months.map((month, i) => {
    const requests = counters[i] ?? {};
    const answers = answerCounters[i] ?? {};
    const workerAnswers = counted(answers, 'workerAnswers');
    const asked = counted(requests, 'asked');
    return {
      month,
      sent: counted(requests, 'sent'),
      received: counted(requests, 'received'),
      sentLeadDays: leadTimes(requests, 'sent'),
      receivedLeadDays: leadTimes(requests, 'received'),
      meetingsHeld: counted(requests, 'meetingsHeld'),
      consentNotGiven: counted(requests, 'consentNotGiven'),
      workerAnswers,
      answerRate: asked > 0 ? round(workerAnswers / asked, 2) : undefined,
      questionAverages: Object.fromEntries(
        questionIds.map((id) => [id, scoreAverage(counted(answers, questionSum(id)), counted(answers, questionCount(id)))]),
      ),
      clientRating: scoreAverage(counted(answers, 'client.sum'), counted(answers, 'client.n')),
    };
  });
}
