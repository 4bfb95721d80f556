import type { FeedbackQuestion } from '../../domain/feedback/feedback.js';
import { monthRange } from '../../domain/metrics/unit-metrics.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../ports.js';
import { unitReports, type ReportDeps, type UnitReport } from './unit-report.js';

/** Two years compare a month with the same month a year before; longer would read years of answers for one page. */
export const MAX_VIEW_MONTHS = 24;

export interface MetricsFilter {
  /** One unit; absent for every unit the viewer may see. */
  readonly unitId?: string | undefined;
  /** yyyy-MM, both included. */
  readonly from: string;
  readonly to: string;
}

export interface MetricsView {
  /** Every unit the viewer may see, in directory order: the choices of the page's unit filter. */
  readonly visibleUnitIds: readonly string[];
  readonly months: readonly string[];
  readonly questions: readonly FeedbackQuestion[];
  /** The filtered units' metrics: empty when the filter names a unit the viewer may not see, or none that exists. */
  readonly reports: readonly UnitReport[];
}

export type MetricsViewError = { readonly code: 'report.not_a_lead' } | { readonly code: 'report.invalid_period' };

export type MakeMetricsView = (actor: Pick<Actor, 'id'>, filter: MetricsFilter) => Promise<Result<MetricsView, MetricsViewError>>;

/**
 * The metrics page: supervisors and deputies see the units they lead, leadership the units the
 * directory grants them. A unit outside those is filtered away like one that does not exist, so
 * the answer never tells which unit ids are real.
 */
export function makeMetricsView(deps: Pick<ReportDeps, 'requests' | 'feedback' | 'questionnaire' | 'directory'>): MakeMetricsView {
  return async (actor, filter) => {
    const visible = deps.directory.current().unitsVisibleTo(actor.id);
    if (visible.length === 0) return err({ code: 'report.not_a_lead' });
    const months = monthRange(filter.from, filter.to, MAX_VIEW_MONTHS);
    if (!months) return err({ code: 'report.invalid_period' });
    const unitIds = visible.map((u) => u.id).filter((id) => filter.unitId === undefined || id === filter.unitId);
    return ok({
      visibleUnitIds: visible.map((u) => u.id),
      months,
      questions: deps.questionnaire.questions,
      reports: await unitReports(deps, unitIds, months),
    });
  };
}
