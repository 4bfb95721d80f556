import { describe, expect, it } from 'vitest';
import { metricColumns } from '../../src/domain/metrics/metric-columns.js';
import { metricsCsv, type CsvLabels } from '../../src/domain/metrics/metrics-csv.js';
import type { MonthMetrics } from '../../src/domain/metrics/unit-metrics.js';

const noLeadTimes = { approval: undefined, acknowledgement: undefined, named: undefined, meeting: undefined };

const november: MonthMetrics = {
  month: '2026-11',
  sent: 3,
  received: 2,
  sentLeadDays: { approval: 1, acknowledgement: 2.8, named: 6, meeting: 16 },
  receivedLeadDays: noLeadTimes,
  meetingsHeld: 2,
  consentNotGiven: 1,
  workerAnswers: 4,
  answerRate: 0.8,
  questionAverages: { useful: 'suppressed' },
  clientRating: undefined,
};

const december: MonthMetrics = {
  ...november,
  month: '2026-12',
  sent: 0,
  workerAnswers: 6,
  answerRate: 0.75,
  questionAverages: { useful: 4.5 },
  clientRating: 3.8,
};

const labels: CsvLabels = {
  unit: 'Yksikkö',
  month: 'Kuukausi',
  column: (c) => (c.questionId ? `Kysymys ${c.questionId}` : c.key),
  figure: (_c, f) => (f === undefined ? '' : f === 'suppressed' ? 'alle 5 vastausta' : String(f)),
};

const columns = metricColumns(['useful']);

const lines = (csv: string) => csv.split('\r\n');

describe('metrics as CSV', () => {
  it('heads the columns with the labels given, unit and month first', () => {
    expect(lines(metricsCsv(labels, columns, []))[0]).toBe(
      'Yksikkö;Kuukausi;sent;received;sentLeadDays.approval;sentLeadDays.acknowledgement;sentLeadDays.named;sentLeadDays.meeting;' +
        'receivedLeadDays.approval;receivedLeadDays.acknowledgement;receivedLeadDays.named;receivedLeadDays.meeting;' +
        'meetingsHeld;consentNotGiven;workerAnswers;answerRate;Kysymys useful;clientRating',
    );
  });

  it('writes a semicolon-separated line per unit and month with the figures as the labels give them', () => {
    const csv = metricsCsv(labels, columns, [{ name: 'Perhesosiaalityö', months: [november, december] }]);
    expect(lines(csv).slice(1)).toEqual([
      'Perhesosiaalityö;2026-11;3;2;1;2.8;6;16;;;;;2;1;4;0.8;alle 5 vastausta;',
      'Perhesosiaalityö;2026-12;0;2;1;2.8;6;16;;;;;2;1;6;0.75;4.5;3.8',
      '',
    ]);
  });

  it('quotes a field holding a semicolon, a quote or a line break, doubling its quotes, and leaves a decimal comma bare', () => {
    const csv = metricsCsv(
      { ...labels, unit: 'Yksikkö, nimi', month: 'Kuu;kausi', column: () => 'Kysymys "A"\nrivi' },
      columns.slice(0, 1),
      [{ name: 'Perhe "pohjoinen"', months: [november] }],
    );
    expect(csv).toBe('Yksikkö, nimi;"Kuu;kausi";"Kysymys ""A""\nrivi"\r\n"Perhe ""pohjoinen""";2026-11;3\r\n');
  });
});
