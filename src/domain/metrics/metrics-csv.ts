import type { Figure, MetricColumn } from './metric-columns.js';
import type { MonthMetrics } from './unit-metrics.js';

/** The header and the withheld-value text in the reader's language; the edge supplies them. */
export interface CsvLabels {
  readonly unit: string;
  readonly month: string;
  readonly column: (column: MetricColumn) => string;
  readonly suppressed: string;
}

export interface CsvUnit {
  readonly name: string;
  readonly months: readonly MonthMetrics[];
}

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cell(figure: Figure, suppressed: string): string {
  if (figure === undefined) return '';
  return figure === 'suppressed' ? suppressed : String(figure);
}

/**
 * One line per unit and month. Numbers keep a dot decimal and rates stay fractions, so a
 * spreadsheet or script reads them in any language.
 */
export function metricsCsv(labels: CsvLabels, columns: readonly MetricColumn[], units: readonly CsvUnit[]): string {
  const header = [labels.unit, labels.month, ...columns.map(labels.column)];
  const lines = units.flatMap((unit) =>
    unit.months.map((row) => [unit.name, row.month, ...columns.map((c) => cell(c.value(row), labels.suppressed))]),
  );
  return [header, ...lines].map((fields) => `${fields.map(field).join(',')}\r\n`).join('');
}
