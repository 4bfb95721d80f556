import type { FeedbackQuestion, Questionnaire } from '../../domain/feedback/feedback.js';
import { monthsUpTo, unitMetrics, type MonthMetrics } from '../../domain/metrics/unit-metrics.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../ports.js';
import type { Clock, DirectoryProvider, FeedbackStore, RequestRepository } from '../ports.js';

export interface ReportDeps {
  readonly requests: Pick<RequestRepository, 'listByUnitInMonths'>;
  readonly feedback: Pick<FeedbackStore, 'answersFor'>;
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
    const units = directory.units.filter((u) => directory.isSupervisorOrDeputy(actor.id, u.id));
    if (units.length === 0) return err({ code: 'report.not_a_lead' });
    const months = monthsUpTo(deps.clock.now(), Math.max(1, Math.floor(count)));
    return ok(await unitReports(deps, units.map((u) => u.id), months));
  };
}

/** The metrics of the units named, over `months` (at least one, oldest first); whether the reader may see them is the caller's check. */
export async function unitReports(
  deps: Pick<ReportDeps, 'requests' | 'feedback' | 'questionnaire'>,
  unitIds: readonly string[],
  months: readonly string[],
): Promise<UnitReport[]> {
  if (unitIds.length === 0) return [];
  const answers = await deps.feedback.answersFor(unitIds, months[0]!, months.at(-1)!);
  const { questions } = deps.questionnaire;
  const questionIds = questions.map((q) => q.id);
  return Promise.all(
    unitIds.map(async (unitId) => ({
      unitId,
      questions,
      months: unitMetrics({ unitId, months, requests: await deps.requests.listByUnitInMonths(unitId, months[0]!, months.at(-1)!), answers, questionIds }),
    })),
  );
}
