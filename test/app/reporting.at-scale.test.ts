import { beforeAll, describe, expect, it } from 'vitest';
import type { StoredRequest } from '../../src/app/ports.js';
import { makeMetricsView } from '../../src/app/reporting/metrics-view.js';
import { makeUnitReport, type ReportDeps } from '../../src/app/reporting/unit-report.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { UnitDirectory } from '../../src/domain/units/unit-directory.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisFeedbackStore } from '../../src/store/redis-feedback-store.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { ONE_QUESTION, madeUpUnit } from '../support/app-requests.js';
import { answerFigures } from '../support/month-figures.js';
import { unitMetrics } from '../support/unit-metrics-oracle.js';
import { storeAsEarlierRelease, unitHistory } from '../support/unit-history.js';
import { auditChain } from '../support/audit-chain.js';
import { EMPTY_DESCRIPTION } from '../support/routing-fakes.js';
import { sharedRedis } from '../support/shared-redis.js';

const LEAD = 'lead';
const directory = new UnitDirectory([madeUpUnit('a', [LEAD], [], 'social_care'), madeUpUnit('b', ['other'], [LEAD])], []);
const { redis, prefix } = sharedRedis();
const p = prefix();
const KEYS = [{ id: 'k1', key: Buffer.alloc(32, 3) }];
const cipher = new DescriptionCipher(KEYS);
const requests = new RedisRequestRepository(redis, p, cipher, auditChain(p));

/** The six report months up to 24.11.2026, each with this many requests from a to b. */
const REPORT_MONTHS = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
const PER_MONTH = 2000;
/** Sent long before the report: counted in their own month, and never read for the report's. */
const EARLIER = { month: '2025-03', count: 1000 };

const DAY_MS = 24 * 3600 * 1000;
const plusDays = (at: string, days: number) => new Date(Date.parse(at) + days * DAY_MS).toISOString();

/**
 * The `i`th request of a month: sent on one of its first twenty days at 11:00 in Helsinki, approved
 * 1–5 days later (3 on average), and every other one acknowledged by b a day after its approval
 * (4 days from sending on average). Nothing crosses into the next month.
 */
function sentAndApproved(month: string, i: number): { sent: CollaborationRequest; approved: CollaborationRequest } {
  const submittedAt = `${month}-${String(1 + (i % 20)).padStart(2, '0')}T08:00:00.000Z`;
  const approvedAt = plusDays(submittedAt, 1 + (i % 5));
  const sent: CollaborationRequest = {
    id: `${month}-${String(i).padStart(5, '0')}`,
    version: 1,
    status: 'submitted',
    reference: `YT-${month.slice(0, 4)}-${month.slice(5)}${String(i).padStart(5, '0')}`,
    ownerId: `worker-${i % 40}`,
    sendingUnitId: 'a',
    collaborationUnitIds: ['b'],
    consentRecorded: true,
    needConfirmedInTeam: true,
    createdAt: submittedAt,
    updatedAt: submittedAt,
    submittedAt,
    units: [],
  };
  const acknowledged = i % 2 === 0 ? { by: 'other', at: plusDays(approvedAt, 1) } : undefined;
  const approved: CollaborationRequest = {
    ...sent,
    version: 2,
    status: 'routed',
    updatedAt: acknowledged?.at ?? approvedAt,
    decision: { kind: 'approved', by: LEAD, at: approvedAt },
    units: [{ unitId: 'b', status: acknowledged ? 'acknowledged' : 'awaiting_acknowledgement', acknowledged }],
  };
  return { sent, approved };
}

/** Written as the use cases write them, a create and then an update each, many at a time. */
async function store(month: string, count: number): Promise<void> {
  const BATCH = 500;
  for (let first = 0; first < count; first += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - first) }, (_, k) => sentAndApproved(month, first + k));
    const outcomes = await Promise.all(
      batch.map(async ({ sent, approved }) => {
        const stored = (request: CollaborationRequest): StoredRequest => ({ request, description: EMPTY_DESCRIPTION });
        return [await requests.create(stored(sent)), await requests.update(stored(approved), 1)];
      }),
    );
    expect(outcomes.flat().every((o) => o === 'written')).toBe(true);
  }
}

const deps: ReportDeps = {
  requests,
  feedback: answerFigures([]),
  questionnaire: ONE_QUESTION,
  directory: { current: () => directory },
  clock: { now: () => new Date('2026-11-24T10:00:00Z') },
};

describe('reports of a unit with thousands of requests', () => {
  beforeAll(async () => {
    for (const month of REPORT_MONTHS) await store(month, PER_MONTH);
    await store(EARLIER.month, EARLIER.count);
  }, 60_000);

  it('counts every one of 12,000 requests sent in the report months, and their lead times exactly', async () => {
    const report = await makeUnitReport(deps)({ id: LEAD });
    if (!report.ok) throw new Error(report.error.code);
    const [sending, receiving] = report.value;
    expect(sending?.months.map((m) => [m.month, m.sent, m.received])).toEqual(REPORT_MONTHS.map((month) => [month, PER_MONTH, 0]));
    expect(receiving?.months.map((m) => [m.month, m.sent, m.received])).toEqual(REPORT_MONTHS.map((month) => [month, 0, PER_MONTH]));
    for (const month of [...(sending?.months ?? []), ...(receiving?.months ?? [])]) {
      expect([month.sentLeadDays, month.receivedLeadDays]).toContainEqual({ approval: 3, acknowledgement: 4, named: undefined, meeting: undefined });
    }
  });

  it('shows the same exact figures on the metrics page, earlier months included', async () => {
    const view = await makeMetricsView(deps)({ id: LEAD }, { unitId: 'a', from: '2025-01', to: '2026-11' });
    if (!view.ok) throw new Error(view.error.code);
    const sent = Object.fromEntries(view.value.reports[0]!.months.map((m) => [m.month, m.sent]));
    expect(sent).toMatchObject({ '2025-02': 0, [EARLIER.month]: EARLIER.count, '2025-04': 0, '2026-06': PER_MONTH, '2026-11': PER_MONTH });
    expect(Object.values(sent).reduce((sum, n) => sum + n, 0)).toBe(EARLIER.count + REPORT_MONTHS.length * PER_MONTH);
  });
});

/** The bench (scripts/bench/reports.ts) times 100,000; exactness needs no more than this many. */
const HISTORY = 20_000;

describe('reports of a unit with 20,000 requests over five years', () => {
  const q = prefix();
  const history = unitHistory(HISTORY, '2021-12', '2026-11', 3000);
  const store = new RedisRequestRepository(redis, q, cipher, auditChain(q));
  const feedback = new RedisFeedbackStore(redis, q, cipher, KEYS);
  const scaleDeps: ReportDeps = { ...deps, requests: store, feedback };
  const expected = (unitId: string, months: readonly string[]) =>
    unitMetrics({ unitId, months, requests: history.requests, answers: history.answers, questionIds: ONE_QUESTION.questions.map((question) => question.id) });

  beforeAll(async () => {
    // Years of requests as the release before the figures left them; the reindex at start counts them, once.
    await storeAsEarlierRelease(redis, q, cipher, history.requests);
    const BATCH = 500;
    for (let first = 0; first < history.answers.length; first += BATCH) {
      await Promise.all(history.answers.slice(first, first + BATCH).map((answer, i) => feedback.save(`person-${first + i}`, answer)));
    }
    expect(await store.reindex()).toBe(history.requests.length);
    expect(await store.reindex()).toBe(0);
  }, 180_000);

  it("gives raportti's six months exactly the figures worked out from every request and answer", async () => {
    const report = await makeUnitReport(scaleDeps)({ id: LEAD });
    if (!report.ok) throw new Error(report.error.code);
    const [sending, receiving] = report.value;
    expect(sending?.months).toEqual(expected('a', REPORT_MONTHS));
    expect(receiving?.months).toEqual(expected('b', REPORT_MONTHS));
    expect(sending?.months.reduce((n, m) => n + m.sent, 0)).toBeGreaterThan(HISTORY / 12);
    expect(sending?.months.some((m) => typeof m.questionAverages.useful === 'number' && m.answerRate !== undefined)).toBe(true);
  });

  it("gives the metrics tab's 24 months exactly those figures too, and every one of them over the five years", async () => {
    const view = await makeMetricsView(scaleDeps)({ id: LEAD }, { from: '2024-12', to: '2026-11' });
    if (!view.ok) throw new Error(view.error.code);
    const months = view.value.months;
    expect(months).toHaveLength(24);
    expect(view.value.reports.map((r) => r.months)).toEqual([expected('a', months), expected('b', months)]);
    const all = await store.monthFigures(['a'], history.months);
    expect(all[0]!.reduce((n, m) => n + (m.sent ?? 0), 0)).toBe(HISTORY);
  });
});
