import type { CollaborationRequest, UnitHandling } from '../../src/domain/collaboration/request.js';
import type { FeedbackAnswer } from '../../src/domain/feedback/feedback.js';
import { MIN_GROUP_SIZE, type LeadTimes, type MonthMetrics, type ScoreAverage } from '../../src/domain/metrics/unit-metrics.js';
import { countyDate } from '../../src/domain/time.js';

/**
 * The reports' figures as they were worked out before the store kept counters: from every request
 * and answer at once. Kept as the oracle the counters are held to, field for field.
 */

export interface UnitMetricsInput {
  readonly unitId: string;
  /** yyyy-MM, one row each, in this order. */
  readonly months: readonly string[];
  readonly requests: readonly CollaborationRequest[];
  readonly answers: readonly FeedbackAnswer[];
  readonly questionIds: readonly string[];
}

type Sent = CollaborationRequest & { readonly submittedAt: string };

const DAY_MS = 24 * 3600 * 1000;

const isSent = (request: CollaborationRequest): request is Sent => request.status !== 'draft' && request.submittedAt !== undefined;

const monthOf = (instant: string) => countyDate(new Date(instant)).slice(0, 7);

const inMonth = (date: string, month: string) => date.slice(0, 7) === month;

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

function average(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : round(values.reduce((sum, v) => sum + v, 0) / values.length, 1);
}

/** Each average stands on its own scores: a question few answered stays hidden even in a month many answered. */
function scoreAverage(scores: readonly number[]): ScoreAverage {
  return scores.length > 0 && scores.length < MIN_GROUP_SIZE ? 'suppressed' : average(scores);
}

/**
 * The meeting has a date, not an instant, so its lead time counts calendar days from the
 * county date of sending.
 */
function daysToFirstMeeting(request: Sent): number[] {
  const first = request.outcomes?.[0];
  return first ? [daysBetween(countyDate(new Date(request.submittedAt)), first.date)] : [];
}

function leadTimes(handled: readonly { readonly request: Sent; readonly handlings: readonly UnitHandling[] }[]): LeadTimes {
  const toFact = (fact: 'acknowledged' | 'named') =>
    handled.flatMap(({ request, handlings }) => handlings.flatMap((u) => (u[fact] ? [daysBetween(request.submittedAt, u[fact].at)] : [])));
  return {
    approval: average(
      handled.flatMap(({ request }) => (request.decision?.kind === 'approved' ? [daysBetween(request.submittedAt, request.decision.at)] : [])),
    ),
    acknowledgement: average(toFact('acknowledged')),
    named: average(toFact('named')),
    meeting: average(handled.flatMap(({ request }) => daysToFirstMeeting(request))),
  };
}

/** One row per month of what a unit sent and received, how fast it moved, and what the meetings' people said. */
export function unitMetrics({ unitId, months, requests, answers, questionIds }: UnitMetricsInput): MonthMetrics[] {
  const sent = requests.filter(isSent);
  // Each request's month is worked out once, not once per month: a unit may have sent tens of thousands.
  const sending = sent.filter((r) => r.sendingUnitId === unitId).map((request) => ({ request, month: monthOf(request.submittedAt) }));
  const receiving = sent.flatMap((request) => {
    const own = request.units.find((u) => u.unitId === unitId);
    return own && request.decision?.kind === 'approved' ? [{ request, handlings: [own], month: monthOf(request.decision.at) }] : [];
  });
  const outcomes = sent.filter((r) => r.sendingUnitId === unitId || r.units.some((u) => u.unitId === unitId)).flatMap((r) => r.outcomes ?? []);
  const unitAnswers = answers.filter((a) => a.unitIds.includes(unitId));

  return months.map((month) => {
    const sentNow = sending.flatMap((r) => (r.month === month ? [r.request] : []));
    const receivedNow = receiving.filter((r) => r.month === month);
    const meetings = outcomes.filter((o) => inMonth(o.date, month));
    const held = meetings.filter((o) => o.consent === 'given');
    // Those asked for feedback: the people marked present, the chair among them.
    const asked = held.reduce((n, o) => n + new Set([o.recordedBy, ...o.attendeeIds]).size, 0);
    const monthAnswers = unitAnswers.filter((a) => a.month === month);
    const workers = monthAnswers.filter((a) => a.respondent === 'worker');
    return {
      month,
      sent: sentNow.length,
      received: receivedNow.length,
      sentLeadDays: leadTimes(sentNow.map((request) => ({ request, handlings: request.units }))),
      receivedLeadDays: leadTimes(receivedNow),
      meetingsHeld: held.length,
      consentNotGiven: meetings.length - held.length,
      workerAnswers: workers.length,
      answerRate: asked > 0 ? round(workers.length / asked, 2) : undefined,
      questionAverages: Object.fromEntries(
        questionIds.map((id) => [id, scoreAverage(workers.flatMap((a) => (a.scores[id] === undefined ? [] : [a.scores[id]])))]),
      ),
      // A client answer holds the one rating the chair recorded.
      clientRating: scoreAverage(monthAnswers.filter((a) => a.respondent === 'client').flatMap((a) => Object.values(a.scores))),
    };
  });
}
