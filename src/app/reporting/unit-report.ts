import type { FeedbackQuestion, Questionnaire } from '../../domain/feedback/feedback.js';
import { monthMetricsFrom } from '../../domain/metrics/month-figures.js';
import { monthsUpTo, type MonthMetrics } from '../../domain/metrics/unit-metrics.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../ports.js';
import type { Clock, DirectoryProvider, FeedbackStore, RequestRepository } from '../ports.js';

export interface ReportDeps {
  readonly requests: Pick<RequestRepository, 'monthFigures'>;
  readonly feedback: Pick<FeedbackStore, 'monthFigures'>;
  /** The questions name the averages; answers to a question no longer asked are left out. */
  readonly questionnaire: Questionnaire;
  readonly directory: DirectoryProvider;
  readonly clock: Clock;
}

/** A unit's metrics for the months asked, oldest first, with the questions its averages answer. */
export interface UnitReport {
  readonly unitId: string;
  readonly questions: readonly FeedbackQuestion[];
  readonly months: readonly MonthMetrics[];
}

export type ReportError = { readonly code: 'report.not_a_lead' };

export type MakeUnitReport = (actor: Pick<Actor, 'id'>, months?: number) => Promise<Result<UnitReport[], ReportError>>;

export const REPORT_MONTHS = 6;

/** A supervisor or deputy sees the units they lead, for the last months up to and including this one. */
export function makeUnitReport(deps: ReportDeps): MakeUnitReport {
  return async (actor, count = REPORT_MONTHS) => {
    const directory = deps.directory.current();
    const units = directory.unitsLedBy(actor.id);
    if (units.length === 0) return err({ code: 'report.not_a_lead' });
    const months = monthsUpTo(deps.clock.now(), Math.max(1, Math.floor(count)));
    return ok(await unitReports(deps, units.map((u) => u.id), months));
  };
}

/**
 * The metrics of the units named, over `months` (at least one, oldest first); whether the reader
 * may see them is the caller's check. Read from the counters the stores keep per unit and month,
 * so a report costs the same however long the unit's history: no request or answer is read.
 */
export async function unitReports(
  deps: Pick<ReportDeps, 'requests' | 'feedback' | 'questionnaire'>,
  unitIds: readonly string[],
  months: readonly string[],
): Promise<UnitReport[]> {
  if (unitIds.length === 0) return [];
  const [requestCounters, answerCounters] = await Promise.all([deps.requests.monthFigures(unitIds, months), deps.feedback.monthFigures(unitIds, months)]);
  const { questions } = deps.questionnaire;
  const questionIds = questions.map((q) => q.id);
  return unitIds.map((unitId, i) => ({
    unitId,
    questions,
    months: monthMetricsFrom(months, requestCounters[i] ?? [], answerCounters[i] ?? [], questionIds),
  }));
}
