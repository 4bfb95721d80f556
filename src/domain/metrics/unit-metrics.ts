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
