import { LEAD_STEPS, type LeadStep, type MonthMetrics } from './unit-metrics.js';

/** How a figure reads: a count, days (one decimal), a rate (0..1) or an average on the 1–5 scale. */
export type FigureKind = 'count' | 'days' | 'rate' | 'score';

/** A withheld average reads 'suppressed'; a figure with nothing to measure is undefined. */
export type Figure = number | 'suppressed' | undefined;

export type MetricKey =
  | 'sent'
  | 'received'
  | `sentLeadDays.${LeadStep}`
  | `receivedLeadDays.${LeadStep}`
  | 'meetingsHeld'
  | 'consentNotGiven'
  | 'workerAnswers'
  | 'answerRate'
  | 'question'
  | 'clientRating';

/**
 * One figure of a month row. The key names the figure for every reader (the card, the CSV, a
 * web page); a question's figure also names its question.
 */
export interface MetricColumn {
  readonly key: MetricKey;
  readonly questionId?: string | undefined;
  readonly kind: FigureKind;
  readonly value: (row: MonthMetrics) => Figure;
}

/** Every figure of a row in reading order: volumes, lead times, meetings, then feedback. */
export function metricColumns(questionIds: readonly string[]): MetricColumn[] {
  return [
    { key: 'sent', kind: 'count', value: (r) => r.sent },
    { key: 'received', kind: 'count', value: (r) => r.received },
    ...LEAD_STEPS.map((step): MetricColumn => ({ key: `sentLeadDays.${step}`, kind: 'days', value: (r) => r.sentLeadDays[step] })),
    ...LEAD_STEPS.map((step): MetricColumn => ({ key: `receivedLeadDays.${step}`, kind: 'days', value: (r) => r.receivedLeadDays[step] })),
    { key: 'meetingsHeld', kind: 'count', value: (r) => r.meetingsHeld },
    { key: 'consentNotGiven', kind: 'count', value: (r) => r.consentNotGiven },
    { key: 'workerAnswers', kind: 'count', value: (r) => r.workerAnswers },
    { key: 'answerRate', kind: 'rate', value: (r) => r.answerRate },
    ...questionIds.map((id): MetricColumn => ({ key: 'question', questionId: id, kind: 'score', value: (r) => r.questionAverages[id] })),
    { key: 'clientRating', kind: 'score', value: (r) => r.clientRating },
  ];
}
