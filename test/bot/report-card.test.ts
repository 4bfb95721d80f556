import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { makeUnitReport, type UnitReport } from '../../src/app/reporting/unit-report.js';
import { REPORT_COLUMN_BUDGET, reportCard, reportCsv } from '../../src/bot/cards/report-cards.js';
import type { Presentation } from '../../src/i18n/presentation.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import type { FeedbackAnswer } from '../../src/domain/feedback/feedback.js';
import type { Locale } from '../../src/domain/locale.js';
import { translator } from '../../src/i18n/translator.js';
import { catalogText, fiText } from '../support/catalog-text.js';
import { directory } from '../support/people.js';
import { QUESTIONNAIRE } from '../support/routing-fakes.js';
import { answerFigures, requestFigures } from '../support/month-figures.js';

const FAMILY = directory.unit('perhesosiaalityo')!;
const SUPERVISOR = FAMILY.supervisors[0]!;
const WORKER = FAMILY.members[0]!;
const PSYCHIATRY_WORKER = directory.unit('lastenpsykiatria')!.members[0]!;
const REQUEST_ID = 'req-8f3a2c';
const REFERENCE = 'YT-2026-0042';
const CLIENT_TEXT = 'Matti kiitti tapaamisesta';
const USEFUL = { fi: 'Tapaamisesta oli hyötyä', sv: 'Mötet var till nytta', en: 'The meeting was useful' };
const metric = (key: string, locale: Locale = 'fi') => catalogText(`report.metric.${key}`, {}, locale);

const request: CollaborationRequest = {
  id: REQUEST_ID,
  version: 9,
  status: 'follow_up',
  reference: REFERENCE,
  ownerId: WORKER,
  sendingUnitId: FAMILY.id,
  collaborationUnitIds: ['lastenpsykiatria', 'terveysasemat'],
  consentRecorded: true,
  needConfirmedInTeam: true,
  createdAt: '2026-11-01T08:00:00Z',
  updatedAt: '2026-11-18T12:00:00Z',
  submittedAt: '2026-11-02T08:00:00Z',
  decision: { kind: 'approved', by: SUPERVISOR, at: '2026-11-03T08:00:00Z' },
  units: [
    { unitId: 'lastenpsykiatria', status: 'worker_named', acknowledged: { by: 'x', at: '2026-11-04T08:00:00Z' }, named: { by: 'x', at: '2026-11-06T08:00:00Z' }, namedWorkerId: PSYCHIATRY_WORKER },
    { unitId: 'terveysasemat', status: 'acknowledged', acknowledged: { by: 'y', at: '2026-11-05T20:00:00Z' } },
  ],
  outcomes: [
    {
      generation: 1,
      date: '2026-11-18',
      consent: 'given',
      recordedBy: WORKER,
      recordedAt: '2026-11-18T12:00:00Z',
      attendeeIds: [WORKER, PSYCHIATRY_WORKER, 'p3', 'p4', 'p5'],
      clientPresence: 'in_person',
      responsibleWorkerId: WORKER,
    },
  ],
};

const feedback = (respondent: 'worker' | 'client', scores: Record<string, number>): FeedbackAnswer => ({
  requestId: REQUEST_ID,
  generation: 1,
  month: '2026-11',
  unitIds: [FAMILY.id, 'lastenpsykiatria', 'terveysasemat'],
  respondent,
  scores,
  comment: respondent === 'worker' ? CLIENT_TEXT : '',
});

/** Three workers answered (too few to show), five client ratings were recorded (enough). */
const answers = [
  ...[4, 5, 3].map((useful) => feedback('worker', { useful })),
  ...[5, 4, 4, 3, 5].map((client) => feedback('client', { client })),
];

async function reports(): Promise<UnitReport[]> {
  const report = await makeUnitReport({
    requests: requestFigures([request]),
    feedback: answerFigures(answers),
    questionnaire: {
      questions: [{ id: 'useful', text: USEFUL }],
      clientQuestion: { fi: 'Asiakkaan arvio', sv: 'Klientens bedömning', en: "Client's rating" },
    },
    directory: { current: () => directory },
    clock: { now: () => new Date('2026-11-24T10:00:00Z') },
  })({ id: SUPERVISOR });
  if (!report.ok) throw new Error('setup: the supervisor leads the family unit');
  return report.value;
}

const presentation = (locale: Locale): Presentation => ({ t: translator(locale), locale, directory });

function textsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'text' && typeof value === 'string' ? [value] : textsOf(value)));
}

/** The tables of a card: each a header row (metric heading and months) and rows of a label and figures. */
function tablesOf(card: object): string[][][] {
  const tables: string[][][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Table') tables.push((record.rows as object[]).map((row) => textsOf(row)));
    else Object.values(record).forEach(walk);
  };
  walk(card);
  return tables;
}

/** The row whose first cell is `label` across the tables, months joined: the label, then a figure a month. */
function rowOf(card: object, label: string): string[] {
  const rows = tablesOf(card).flatMap((table) => table.filter((row) => row[0] === label));
  expect(rows.length, label).toBeGreaterThan(0);
  return [label, ...rows.flatMap((row) => row.slice(1))];
}

describe('report card', () => {
  it('renders in Finnish: the unit, its months and figures with Finnish decimals', async () => {
    const card = reportCard(presentation('fi'), await reports());
    const texts = textsOf(card);
    expect(texts).toEqual(expect.arrayContaining([fiText('report.title'), FAMILY.name.fi, '6/2026', '11/2026']));
    expect(rowOf(card, metric('sent'))).toEqual([metric('sent'), '0', '0', '0', '0', '0', '1']);
    expect(rowOf(card, metric('sentLeadDays.acknowledgement')).at(-1)).toBe('2,8');
    expect(rowOf(card, metric('answerRate')).at(-1)).toMatch(/^60\s%$/);
    expect(rowOf(card, metric('clientRating')).at(-1)).toBe('4,2');
  });

  it('renders in Swedish', async () => {
    const card = reportCard(presentation('sv'), await reports());
    expect(textsOf(card)).toEqual(expect.arrayContaining([catalogText('report.title', {}, 'sv'), FAMILY.name.sv]));
    expect(rowOf(card, metric('sent', 'sv')).at(-1)).toBe('1');
    expect(rowOf(card, USEFUL.sv).at(-1)).toBe(catalogText('report.suppressedShort', {}, 'sv'));
  });

  it('marks an average of fewer than five answers, and shows a dash where nothing was measured', async () => {
    const row = rowOf(reportCard(presentation('fi'), await reports()), USEFUL.fi);
    expect(row.at(-1)).toBe(fiText('report.suppressedShort'));
    expect(row.at(1)).toBe('–');
    expect(textsOf(reportCard(presentation('fi'), await reports()))).toContain(
      fiText('report.legend', { min: 5, suppressed: fiText('report.suppressedShort'), none: fiText('report.none') }),
    );
  });

  it('shows no request id, reference, person or client text', async () => {
    const sent = [JSON.stringify(reportCard(presentation('fi'), await reports())), reportCsv(presentation('fi'), await reports())];
    for (const text of sent) {
      for (const secret of [REQUEST_ID, REFERENCE, CLIENT_TEXT, 'Matti', WORKER, SUPERVISOR, PSYCHIATRY_WORKER]) expect(text).not.toContain(secret);
    }
  });

  it.each(['fi', 'sv', 'en'] as const)('fits a narrow Teams card in %s: no header or figure longer than its column, no word of a metric longer than the label column', async (locale) => {
    const card = reportCard(presentation(locale), await reports());
    const tables = tablesOf(card);
    expect(tables.length).toBeGreaterThan(1);
    for (const table of tables) {
      expect(table[0]!.length - 1).toBeLessThanOrEqual(3);
      for (const [label, ...cells] of table) {
        for (const word of label!.split(/\s+/)) expect(word.length, `${word} in "${label}"`).toBeLessThanOrEqual(REPORT_COLUMN_BUDGET.labelWordChars);
        for (const cell of cells) expect(cell.length, `${cell} under "${label}"`).toBeLessThanOrEqual(REPORT_COLUMN_BUDGET.valueChars);
      }
    }
  });

  it('names every figure of the county’s questionnaire in words that fit the label column, in every language', () => {
    const texts = [...QUESTIONNAIRE.questions.map((q) => q.text), QUESTIONNAIRE.clientQuestion].flatMap((text) => Object.values(text));
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) for (const word of text.split(/\s+/)) expect(word.length, `${word} in "${text}"`).toBeLessThanOrEqual(REPORT_COLUMN_BUDGET.labelWordChars);
  });

  it('is an Adaptive Card 1.5 that parses without warnings', async () => {
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    new AC.AdaptiveCard().parse(reportCard(presentation('en'), await reports()), context);
    expect(Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message)).toEqual([]);
  });
});

describe('report CSV', () => {
  const csvLines = async (locale: Locale) => reportCsv(presentation(locale), await reports()).split('\r\n');

  it('heads semicolon-separated columns in the reader’s language and writes one CRLF line per month', async () => {
    const lines = await csvLines('fi');
    expect(lines[0]?.startsWith([fiText('report.unit'), fiText('report.month'), metric('sent'), metric('received'), metric('sentLeadDays.approval')].join(';'))).toBe(true);
    expect(lines[0]?.endsWith([metric('answerRate'), USEFUL.fi, metric('clientRating')].join(';'))).toBe(true);
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -1).map((line) => line.split(';').slice(0, 3))).toEqual(
      ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].map((month) => [FAMILY.name.fi, month, month === '2026-11' ? '1' : '0']),
    );
  });

  it.each(['fi', 'sv', 'en'] as const)('shows in %s the figures the card shows: percent for the answer rate, the reader’s decimal sign', async (locale) => {
    const lines = await csvLines(locale);
    const card = reportCard(presentation(locale), await reports());
    const header = lines[0]!.split(';');
    const november = lines.at(-2)!.split(';');
    for (const label of [metric('answerRate', locale), metric('clientRating', locale), metric('sentLeadDays.acknowledgement', locale), metric('sent', locale)]) {
      const at = header.indexOf(label);
      expect(november[at], label).toBe(rowOf(card, label).at(-1));
    }
    expect(november.at(-2)).toBe(catalogText('report.suppressed', { min: 5 }, locale));
  });

  it('writes 60 % and 4,2 in Finnish, not 0.6 and 4.2', async () => {
    expect((await csvLines('fi')).at(-2)).toMatch(new RegExp(`;3;60\\s%;${fiText('report.suppressed', { min: 5 })};4,2$`));
  });
});
