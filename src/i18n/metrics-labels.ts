import type { FeedbackQuestion } from '../domain/feedback/feedback.js';
import { metricColumns, type Figure, type FigureKind, type MetricColumn } from '../domain/metrics/metric-columns.js';
import { formatDecimal, formatPercent } from '../bot/cards/formatting.js';
import { metricsCsv } from '../domain/metrics/metrics-csv.js';
import { MIN_GROUP_SIZE, type MonthMetrics } from '../domain/metrics/unit-metrics.js';
import type { Presentation } from './presentation.js';

export interface LabelledUnit {
  readonly unitId: string;
  readonly questions: readonly FeedbackQuestion[];
  readonly months: readonly MonthMetrics[];
}

/** A figure's name as the card, the CSV and the page show it; a question is named by its own text. */
export function metricLabel({ t, locale }: Presentation, questions: readonly FeedbackQuestion[], column: MetricColumn): string {
  if (column.key !== 'question') return t(`report.metric.${column.key}`);
  return questions.find((q) => q.id === column.questionId)?.text[locale] ?? '';
}

/**
 * A figure as the reader reads it, on the card and in the CSV alike: "60 %" and "2,8" in
 * Finnish. A withheld average is a mark the card's legend explains (`short`) or said in words.
 */
export function figureText({ t, locale }: Presentation, kind: FigureKind, figure: Figure, withheld: 'short' | 'long'): string {
  if (figure === undefined) return t('report.none');
  if (figure === 'suppressed') return withheld === 'short' ? t('report.suppressedShort') : t('report.suppressed', { min: MIN_GROUP_SIZE });
  if (kind === 'count') return String(figure);
  return kind === 'rate' ? formatPercent(figure, locale) : formatDecimal(figure, locale);
}

export const unitLabel = ({ locale, directory }: Presentation, unitId: string): string => directory.unitName(unitId, locale) ?? unitId;

/** The metrics as CSV headed in the reader's language: the chat's download link and the page give the same file. */
export function localizedMetricsCsv(reader: Presentation, units: readonly LabelledUnit[]): string {
  // Every unit of one report comes from the one questionnaire.
  const questions = units[0]?.questions ?? [];
  return metricsCsv(
    {
      unit: reader.t('report.unit'),
      month: reader.t('report.month'),
      column: (column) => metricLabel(reader, questions, column),
      figure: (column, figure) => (figure === undefined ? '' : figureText(reader, column.kind, figure, 'long')),
    },
    metricColumns(questions.map((q) => q.id)),
    units.map((unit) => ({ name: unitLabel(reader, unit.unitId), months: unit.months })),
  );
}
