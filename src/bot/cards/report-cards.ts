import type { UnitReport } from '../../app/reporting/unit-report.js';
import { metricColumns, type Figure, type FigureKind } from '../../domain/metrics/metric-columns.js';
import { MIN_GROUP_SIZE } from '../../domain/metrics/unit-metrics.js';
import { localizedMetricsCsv, metricLabel, unitLabel } from '../../i18n/metrics-labels.js';
import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';
import { formatDecimal, formatMonth, formatPercent } from './formatting.js';

function shown({ t, locale }: Presentation, kind: FigureKind, figure: Figure): string {
  if (figure === undefined) return t('report.none');
  if (figure === 'suppressed') return t('report.suppressed', { min: MIN_GROUP_SIZE });
  if (kind === 'count') return String(figure);
  return kind === 'rate' ? formatPercent(figure, locale) : formatDecimal(figure, locale);
}

/** Metrics down, months across: the months are few, the metrics many. */
function unitTable(p: Presentation, report: UnitReport) {
  return {
    title: unitLabel(p, report.unitId),
    columns: [{ width: 3 }, ...report.months.map(() => ({ width: 1 }))],
    heading: p.t('report.metricHeading'),
    months: report.months.map((m) => formatMonth(m.month, p.locale)),
    rows: metricColumns(report.questions.map((q) => q.id)).map((column) => ({
      label: metricLabel(p, report.questions, column),
      values: report.months.map((m) => shown(p, column.kind, column.value(m))),
    })),
  };
}

/** The report a supervisor asked for: one table per unit they lead. */
export function reportCard(p: Presentation, reports: readonly UnitReport[]): AdaptiveCard {
  return renderCard('report', {
    title: p.t('report.title'),
    intro: p.t('report.intro', { min: MIN_GROUP_SIZE }),
    csvHint: p.t('report.csvHint'),
    units: reports.map((report) => unitTable(p, report)),
  });
}

/** The same figures as CSV, headed in the reader's language. */
export function reportCsv(p: Presentation, reports: readonly UnitReport[]): string {
  return localizedMetricsCsv(p, reports);
}
