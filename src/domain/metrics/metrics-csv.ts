import type { Figure, MetricColumn } from './metric-columns.js';
import type { MonthMetrics } from './unit-metrics.js';

/** The header and the figures in the reader's language; the edge supplies them. */
export interface CsvLabels {
  readonly unit: string;
  readonly month: string;
  readonly column: (column: MetricColumn) => string;
  /** A figure as the card shows it (60 %, 2,8), or a withheld average said in words. */
  readonly figure: (column: MetricColumn, figure: Figure) => string;
}

export interface CsvUnit {
  readonly name: string;
  readonly months: readonly MonthMetrics[];
}

/**
 * Excel in Finland (and Sweden) reads a semicolon as the field separator, since the comma is
 * the decimal sign there; lines end in CRLF.
 */
const SEPARATOR = ';';

/** RFC 4180 with a semicolon: a field with a semicolon, quote or line break is quoted, and its quotes doubled. */
function field(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line per unit and month (yyyy-MM), with the figures as the reader's card shows them. */
export function metricsCsv(labels: CsvLabels, columns: readonly MetricColumn[], units: readonly CsvUnit[]): string {
  const header = [labels.unit, labels.month, ...columns.map(labels.column)];
  const lines = units.flatMap((unit) => unit.months.map((row) => [unit.name, row.month, ...columns.map((c) => labels.figure(c, c.value(row)))]));
  return [header, ...lines].map((fields) => `${fields.map(field).join(SEPARATOR)}\r\n`).join('');
}
