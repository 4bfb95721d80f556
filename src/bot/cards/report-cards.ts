import type { UnitReport } from '../../app/reporting/unit-report.js';
import { metricColumns } from '../../domain/metrics/metric-columns.js';
import { MIN_GROUP_SIZE } from '../../domain/metrics/unit-metrics.js';
import { figureText, localizedMetricsCsv, metricLabel, unitLabel } from '../../i18n/metrics-labels.js';
import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';
import { formatMonth } from './formatting.js';

/**
 * How wide the table may be. Teams shows a card in a phone's chat about 320 px wide; a table
 * cell pads each side, and an average glyph of Teams' default text is about 7 px. A header or
 * value longer than its column wraps mid-word ("marra s 26"), so every one is kept within it.
 */
const NARROW_CARD_PX = 320;
const CELL_PADDING_PX = 8;
const GLYPH_PX = 7;
/** Three months a table (six months make two); the metric's name 5 : 2 to a month, for words like "Arbetsfördelningen". */
export const MONTHS_PER_TABLE = 3;
const LABEL_WIDTH = 5;
const MONTH_WIDTH = 2;

function charsFor(width: number): number {
  const unitPx = (NARROW_CARD_PX - CELL_PADDING_PX * (MONTHS_PER_TABLE + 1)) / (LABEL_WIDTH + MONTH_WIDTH * MONTHS_PER_TABLE);
  return Math.floor((unitPx * width) / GLYPH_PX);
}

/** The most characters a month's header or figure, and a word of a metric's name, may have. */
export const REPORT_COLUMN_BUDGET = { valueChars: charsFor(MONTH_WIDTH), labelWordChars: charsFor(LABEL_WIDTH) } as const;

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** Metrics down, months across: the months are few, the metrics many; a few months a table, so each column fits. */
function unitTables(p: Presentation, report: UnitReport) {
  const columns = metricColumns(report.questions.map((q) => q.id));
  return {
    title: unitLabel(p, report.unitId),
    tables: chunks(report.months, MONTHS_PER_TABLE).map((months) => ({
      columns: [{ width: LABEL_WIDTH }, ...months.map(() => ({ width: MONTH_WIDTH }))],
      heading: p.t('report.metricHeading'),
      months: months.map((m) => formatMonth(m.month, p.locale)),
      rows: columns.map((column) => ({
        label: metricLabel(p, report.questions, column),
        values: months.map((m) => figureText(p, column.kind, column.value(m), 'short')),
      })),
    })),
  };
}

/** The report a supervisor asked for: one table per unit they lead. */
export function reportCard(p: Presentation, reports: readonly UnitReport[]): AdaptiveCard {
  return renderCard('report', {
    title: p.t('report.title'),
    intro: p.t('report.intro', { min: MIN_GROUP_SIZE }),
    legend: p.t('report.legend', { min: MIN_GROUP_SIZE, suppressed: p.t('report.suppressedShort'), none: p.t('report.none') }),
    csvHint: p.t('report.csvHint'),
    units: reports.map((report) => unitTables(p, report)),
  });
}

/** The same figures as CSV, headed in the reader's language. */
export function reportCsv(p: Presentation, reports: readonly UnitReport[]): string {
  return localizedMetricsCsv(p, reports);
}
