import { makeMetricsView } from '../../src/app/reporting/metrics-view.js';
import { makeUnitReport, type ReportDeps } from '../../src/app/reporting/unit-report.js';
import { UnitDirectory } from '../../src/domain/units/unit-directory.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisFeedbackStore } from '../../src/store/redis-feedback-store.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { ONE_QUESTION, madeUpUnit } from '../../test/support/app-requests.js';
import { auditChain } from '../../test/support/audit-chain.js';
import { storeAsEarlierRelease, unitHistory } from '../../test/support/unit-history.js';
import type { BenchRedis } from './bench-redis.js';
import { ascending, percentile } from './report.js';

export const HISTORY_REQUESTS = 100_000;
export const HISTORY_ANSWERS = 3000;
export const REPORT_RUNS = 300;
const WARM_UP_RUNS = 20;
const FIRST_MONTH = '2021-12';
const LAST_MONTH = '2026-11';

export interface Timing {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface ReportBench {
  readonly report: Timing;
  readonly tab: Timing;
  /** How long the start-up reindex took to count the five years stored before the figures. */
  readonly reindexMs: number;
  /** Measurement problems: an answer without the figures it must have. */
  readonly problems: readonly string[];
}

async function timed(runs: number, run: () => Promise<void>): Promise<Timing> {
  for (let i = 0; i < WARM_UP_RUNS; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  const sorted = ascending(times);
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
}

/**
 * `raportti` (six months, the units the lead leads: `a` sent all 100,000 requests, `b` received
 * them) and the metrics tab's 24 months of `a`, as the use cases answer them on the bench's Redis,
 * after five years of history were stored as a release before the figures left them and counted
 * by the start-up reindex.
 */
export async function benchReports(redis: BenchRedis): Promise<ReportBench> {
  const prefix = 'bench-reports:';
  const keys = [{ id: 'k1', key: Buffer.alloc(32, 7) }];
  const cipher = new DescriptionCipher(keys);
  const requests = new RedisRequestRepository(redis.client, prefix, cipher, auditChain(prefix));
  const feedback = new RedisFeedbackStore(redis.client, prefix, cipher, keys);
  const history = unitHistory(HISTORY_REQUESTS, FIRST_MONTH, LAST_MONTH, HISTORY_ANSWERS);
  await storeAsEarlierRelease(redis.client, prefix, cipher, history.requests);
  for (let first = 0; first < history.answers.length; first += 500) {
    await Promise.all(history.answers.slice(first, first + 500).map((answer, i) => feedback.save(`person-${first + i}`, answer)));
  }
  const reindexStart = performance.now();
  const counted = await requests.reindex();
  const reindexMs = performance.now() - reindexStart;

  const lead = 'lead';
  const directory = new UnitDirectory([madeUpUnit('a', [lead], [], 'social_care'), madeUpUnit('b', ['other'], [lead])], []);
  const deps: ReportDeps = {
    requests,
    feedback,
    questionnaire: ONE_QUESTION,
    directory: { current: () => directory },
    clock: { now: () => new Date(`${LAST_MONTH}-24T10:00:00Z`) },
  };
  const report = makeUnitReport(deps);
  const view = makeMetricsView(deps);
  const problems: string[] = [];
  if (counted !== HISTORY_REQUESTS) problems.push(`the reindex counted ${counted} requests, not ${HISTORY_REQUESTS}`);
  const sixMonths = await report({ id: lead });
  const sentInSix = sixMonths.ok ? sixMonths.value[0]!.months.reduce((n, m) => n + m.sent, 0) : 0;
  const expectedSix = history.requests.filter((r) => (r.submittedAt ?? '') >= '2026-06').length;
  if (sentInSix !== expectedSix) problems.push(`raportti counted ${sentInSix} requests sent in six months, not ${expectedSix}`);

  return {
    report: await timed(REPORT_RUNS, async () => {
      if (!(await report({ id: lead })).ok) throw new Error('raportti refused the lead');
    }),
    tab: await timed(REPORT_RUNS, async () => {
      const answer = await view({ id: lead }, { unitId: 'a', from: '2024-12', to: LAST_MONTH });
      if (!answer.ok || answer.value.reports[0]?.months.length !== 24) throw new Error('the tab gave no 24 months');
    }),
    reindexMs,
    problems,
  };
}
