import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import type { FeedbackAnswer } from '../../src/domain/feedback/feedback.js';
import { answerContributions, metricContributions, type FigureChange, type MonthCounters } from '../../src/domain/metrics/month-figures.js';

/** Changes added up into each unit's counters per month (unitIds × months), as a store keeps them. */
export function countersOf(changes: readonly FigureChange[], unitIds: readonly string[], months: readonly string[]): MonthCounters[][] {
  const totals = new Map<string, Record<string, number>>();
  for (const c of changes) {
    const key = `${c.unitId} ${c.month}`;
    const counters = totals.get(key) ?? {};
    counters[c.counter] = (counters[c.counter] ?? 0) + c.amount;
    totals.set(key, counters);
  }
  return unitIds.map((unitId) => months.map((month) => totals.get(`${unitId} ${month}`) ?? {}));
}

/** A figure reader over these requests, as a report's deps take it. */
export const requestFigures = (requests: readonly CollaborationRequest[] | (() => readonly CollaborationRequest[])) => ({
  monthFigures: async (unitIds: readonly string[], months: readonly string[]) =>
    countersOf((typeof requests === 'function' ? requests() : requests).flatMap(metricContributions), unitIds, months),
});

/** A figure reader over these answers, as a report's deps take it. */
export const answerFigures = (answers: readonly FeedbackAnswer[] | (() => readonly FeedbackAnswer[])) => ({
  monthFigures: async (unitIds: readonly string[], months: readonly string[]) =>
    countersOf((typeof answers === 'function' ? answers() : answers).flatMap(answerContributions), unitIds, months),
});
