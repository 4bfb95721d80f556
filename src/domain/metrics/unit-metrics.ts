import type { CollaborationRequest, UnitHandling } from '../collaboration/request.js';
import type { FeedbackAnswer } from '../feedback/feedback.js';
import { countyDate } from '../time.js';

/** Below this many scores an average could single out one person's answer, so it is withheld. */
export const MIN_GROUP_SIZE = 5;

/** A feedback average: withheld ('suppressed') when too few answered, undefined when nobody did. */
export type ScoreAverage = number | 'suppressed' | undefined;

export const LEAD_STEPS = ['approval', 'acknowledgement', 'named', 'meeting'] as const;
export type LeadStep = (typeof LEAD_STEPS)[number];

/** Average days from sending to each step, one decimal; undefined when no request reached the step. */
export type LeadTimes = Readonly<Record<LeadStep, number | undefined>>;

/** One unit's month. Months are the county's (Europe/Helsinki), yyyy-MM. */
export interface MonthMetrics {
  readonly month: string;
  /** Requests the unit sent, by month of sending. */
  readonly sent: number;
  /** Requests routed to the unit, by month of the approval that routed them. */
  readonly received: number;
  /** Requests sent this month, over every unit they went to: how fast the unit's requests move. */
  readonly sentLeadDays: LeadTimes;
  /** Requests received this month, over the unit's own handling: how fast the unit answers. */
  readonly receivedLeadDays: LeadTimes;
  /** Meetings this month, of requests the unit sends or receives, where the client gave consent. */
  readonly meetingsHeld: number;
  readonly consentNotGiven: number;
  readonly workerAnswers: number;
  /** Worker answers ÷ people asked at the meetings held, 0..1; undefined when nobody was asked. */
  readonly answerRate: number | undefined;
  /** By question id. */
  readonly questionAverages: Readonly<Record<string, ScoreAverage>>;
  readonly clientRating: ScoreAverage;
}

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

/**
 * The months a sent request can count in, for any unit it involves: the month it was sent, the
 * month of the approval that routed it, and each meeting's. unitMetrics places a request by no
 * other date, so a store that files requests under these months lets a report read only its own.
 */
export function monthsCounted(request: CollaborationRequest): string[] {
  if (!isSent(request)) return [];
  const approved = request.decision?.kind === 'approved' ? [monthOf(request.decision.at)] : [];
  const meetings = (request.outcomes ?? []).map((o) => o.date.slice(0, 7));
  return [...new Set([monthOf(request.submittedAt), ...approved, ...meetings])];
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

/** Months counted from year 0, so a range of months is a range of numbers. */
const monthIndex = (year: number, month: number) => year * 12 + month - 1;
const monthOfIndex = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
const monthsFrom = (first: number, count: number) => Array.from({ length: count }, (_, i) => monthOfIndex(first + i));

/** The `count` county months that end with the one `now` falls in, oldest first. */
export function monthsUpTo(now: Date, count: number): string[] {
  const [year, month] = countyDate(now).split('-').map(Number) as [number, number];
  return monthsFrom(monthIndex(year, month) - (count - 1), count);
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The months `from`..`to` (yyyy-MM, both included), oldest first; undefined when either is not a
 * month, `to` comes first, or the range is longer than `max`, so a wild range is never spelled out.
 */
export function monthRange(from: string, to: string, max: number): string[] | undefined {
  const [, fromYear, fromMonth] = MONTH.exec(from) ?? [];
  const [, toYear, toMonth] = MONTH.exec(to) ?? [];
  if (!fromYear || !fromMonth || !toYear || !toMonth) return undefined;
  const first = monthIndex(Number(fromYear), Number(fromMonth));
  const count = monthIndex(Number(toYear), Number(toMonth)) - first + 1;
  if (count < 1 || count > max) return undefined;
  return monthsFrom(first, count);
}
