import { LoopbackConnector } from '../test/support/loopback-connector.js';
import { BenchRedis } from './bench/bench-redis.js';
import { LoopbackChannelAuth } from './bench/channel-auth.js';
import { FUZZ_RUNS, runFuzz, type FuzzOutcome } from './bench/fuzz.js';
import { bundleHost } from './bench/hosts.js';
import { CONNECTIONS } from './bench/load.js';
import { benchMemory, OPEN_REQUESTS } from './bench/memory.js';
import { benchJobScheduling, benchReminders } from './bench/reminders.js';
import { loadNow, machineOf, printReport, writeMarkdown } from './bench/report.js';
import { footprintTable, fuzzRows, memoryRows, reminderRows, reportRows, slotRows, throughputRows, throughputTable } from './bench/results.js';
import { benchReports, HISTORY_REQUESTS, REPORT_RUNS } from './bench/reports.js';
import { benchSlotSearch } from './bench/slots.js';
import { benchThroughput } from './bench/throughput.js';

/**
 * `npm run bench`: issue #8's measurements side by side, printed and written to bench/results.md
 * with the machine they ran on. Each row says PASS or MISS against the issue's target; a MISS
 * never fails the run, a broken measurement (errors, answers without proof of the work) does.
 *
 * BENCH_SECONDS (default 6) is the measured time per throughput run; BENCH_FUZZ=1 or --fuzz adds
 * the fuzz test with 100,000 runs. BENCH_ONLY=reports runs the reports section alone,
 * BENCH_ONLY=reminders the reminders section, and BENCH_ONLY=clicks the /api/messages section
 * (latency and CPU per click, ours beside the echo), each printed without touching
 * bench/results.md, whose rows come from one whole run.
 */

const RESULTS_FILE = 'bench/results.md';
const WARM_UP_SECONDS = 2;
const SLOT_RUNS = 500;
const REMINDERS_PENDING = 10_000;

function benchSeconds(): number {
  const seconds = Number(process.env.BENCH_SECONDS ?? 6);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`BENCH_SECONDS must be a positive number, not "${process.env.BENCH_SECONDS}"`);
  return seconds;
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');
const step = (what: string) => process.stderr.write(`\n== ${what}\n`);

const REPORTS_NOTE = `Reports: ${HISTORY_REQUESTS.toLocaleString('en-US')} requests of one unit over the five years to 11/2026 (a to b, approved, most acknowledged and named, three in four met), stored as a release before the month figures left them and counted by the start-up reindex, and 3,000 feedback answers saved through RedisFeedbackStore; then makeUnitReport (raportti: six months of both units the lead leads) and makeMetricsView (the tab's 24 months of the sending unit) are timed ${REPORT_RUNS} times each after 20 warm-up runs, on the bench's Redis. Each reads one HGETALL per unit and month for requests and one for answers, pipelined.`;

const REMINDERS_NOTE = `Reminders: ${count(REMINDERS_PENDING)} routed requests stored through the repository and ${count(REMINDERS_PENDING)} real ack_reminder jobs queued with BullEffectQueue.enqueue, all due at the same instant a few seconds after queueing; effect worker processes (src/worker.ts, EFFECT_CONCURRENCY as configured) run them, each sending the unit's supervisor a card through the loopback connector in the bench process and scheduling the escalation. Run once with one worker process (its rate: jobs finished over the time from the due instant to the last finish) and once with two (lateness). Lateness = BullMQ's finishedOn less the due time (the card was taken before the job finished). "BullMQ alone" repeats this on a queue of its own with startEffectWorker and a job that does nothing.`;

/** The reminders section: one worker's rate and two workers' lateness, 10,000 due at once each. */
async function remindersSection(redis: BenchRedis, connector: LoopbackConnector) {
  step('reminders: BullMQ alone');
  const scheduling = await benchJobScheduling(redis, REMINDERS_PENDING);
  step('reminders: one worker process');
  const oneWorker = await benchReminders(redis, connector, REMINDERS_PENDING, 1);
  step('reminders: two worker processes');
  const twoWorkers = await benchReminders(redis, connector, REMINDERS_PENDING, 2);
  return { scheduling, oneWorker, twoWorkers };
}

/** BENCH_ONLY=reminders: the reminders section on a Redis and loopback connector of its own, printed only. */
async function remindersOnly(): Promise<void> {
  const loadAtStart = loadNow();
  const redis = await BenchRedis.start();
  const connector = new LoopbackConnector();
  await connector.start();
  try {
    const r = await remindersSection(redis, connector);
    printReport([], reminderRows(r.oneWorker, r.twoWorkers, r.scheduling), [REMINDERS_NOTE, `load average (1 min): ${loadAtStart} at the start, ${loadNow()} at the end`]);
  } finally {
    await connector.stop();
    await redis.stop();
  }
}

/** BENCH_ONLY=reports: the reports section on a Redis of its own, printed only. */
async function reportsOnly(): Promise<void> {
  const redis = await BenchRedis.start();
  try {
    step('reports, 100,000 requests over five years');
    const outcome = await benchReports(redis);
    printReport([], reportRows(outcome), [...outcome.problems.map((p) => `**Broken measurement:** ${p}`), REPORTS_NOTE]);
    if (outcome.problems.length > 0) process.exitCode = 1;
  } finally {
    await redis.stop();
  }
}

/** What the /api/messages runs talk to: a Redis, a loopback Bot Connector and channel auth of the bench's own. */
interface BenchServices {
  readonly redis: BenchRedis;
  readonly connector: LoopbackConnector;
  readonly serviceUrl: string;
  readonly channelAuth: LoopbackChannelAuth;
}

/** Starts the bench's services (and bundles the bot hosts) for `use`, and stops them after it, whatever happens. */
async function withServices(use: (services: BenchServices) => Promise<void>): Promise<void> {
  await bundleHost();
  const redis = await BenchRedis.start();
  const connector = new LoopbackConnector();
  const serviceUrl = await connector.start();
  const channelAuth = await LoopbackChannelAuth.start(serviceUrl);
  try {
    await use({ redis, connector, serviceUrl, channelAuth });
  } finally {
    await channelAuth.stop();
    await connector.stop();
    await redis.stop();
  }
}

/** BENCH_ONLY=clicks: /api/messages, ours beside the echo bot, printed only. */
function clicksOnly(): Promise<void> {
  return withServices(async ({ redis, connector, serviceUrl, channelAuth }) => {
    step('/api/messages: ours and the echo bot');
    const throughput = await benchThroughput({ seconds: benchSeconds(), warmUpSeconds: WARM_UP_SECONDS, redis, connector, serviceUrl, channelAuth });
    printReport([throughputTable(throughput)], throughputRows(throughput), throughput.problems.map((p) => `**Broken measurement:** ${p}`));
    if (throughput.problems.length > 0) process.exitCode = 1;
  });
}

const ONLY: Readonly<Record<string, () => Promise<void>>> = { reports: reportsOnly, reminders: remindersOnly, clicks: clicksOnly };

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY !== undefined) {
    const only = ONLY[process.env.BENCH_ONLY];
    if (!only) throw new Error(`BENCH_ONLY knows only ${Object.keys(ONLY).join(' and ')}, not "${process.env.BENCH_ONLY}"`);
    return only();
  }
  const startedAt = new Date();
  const loadAtStart = loadNow();
  const seconds = benchSeconds();
  const fuzz = process.argv.includes('--fuzz') || process.env.BENCH_FUZZ === '1';
  await withServices(async ({ redis, connector, serviceUrl, channelAuth }) => {
    const machine = await machineOf(redis.client);

    step('slot search');
    const twoYears = benchSlotSearch(SLOT_RUNS, { wanted: 1 });
    const asBooking = benchSlotSearch(SLOT_RUNS, { wanted: 3, windowDays: 190 });

    step('/api/messages: ours and the echo bot');
    const throughput = await benchThroughput({ seconds, warmUpSeconds: WARM_UP_SECONDS, redis, connector, serviceUrl, channelAuth });

    step('memory');
    const memory = await benchMemory(redis, serviceUrl);
    connector.clear();

    const reminders = await remindersSection(redis, connector);

    step('reports, 100,000 requests over five years');
    const reports = await benchReports(redis);

    let fuzzOutcome: FuzzOutcome | undefined;
    if (fuzz) {
      step(`fuzz, ${FUZZ_RUNS} runs`);
      fuzzOutcome = await runFuzz();
    }

    const results = [
      ...throughputRows(throughput),
      ...memoryRows(memory),
      ...slotRows(twoYears, asBooking),
      ...reminderRows(reminders.oneWorker, reminders.twoWorkers, reminders.scheduling),
      ...reportRows(reports),
      ...fuzzRows(fuzzOutcome),
    ];
    const tables = [throughputTable(throughput), footprintTable(memory)];
    const notes = [
      `Redis: a redis-server of the bench's own (AOF, appendfsync everysec, noeviction, as the README asks for production), so other test runs on the shared Redis cannot disturb it.`,
      `/api/messages: our bot (\`composeBot\`, EFFECT_WORKER=off) and a plain botbuilder echo bot, each bundled with esbuild and run as plain JavaScript in a process of its own; autocannon and a loopback Bot Connector in the bench process. ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s of warm-up, then ${seconds} s measured per run; latencies are of 2xx answers.`,
      'Both bots get the same activities byte for byte and do the same wire work: the echo bot answers a message with one Adaptive Card through the connector, as ours answers "hei" with the welcome card, and a card click (an invoke) with a card of about the size ours answers with (made once, echoing the click\'s data). CPU per click is the bot process\'s own user + system time over the measured run divided by its answers (ours includes its outbox relay moving the clicks\' effects into the queue).',
      'welcome: the worker says "hei" and gets the welcome card through the connector. submit: a new request with a ~300-word description is sent for approval (answered with the card naming its YT- reference). approval: the sending supervisor approves a request submitted beforehand, a different one each time (a pool seeded through the repository), so every answer is a real submitted→approved→routed transition. acknowledge and name: the receiving unit\'s supervisor acknowledges a routed request, and names the worker of an acknowledged one, each from a pool of its own. Choosing a time (book) is not measured here: it needs the Graph sandbox behind the bench bot.',
      ...throughput.approvals.map((a) => `approval, auth ${a.auth}: ${count(a.answered)} answers with the approved card; afterwards ${count(a.routed)} of the ${count(a.seeded)} requests taken from the pool were routed (a click cut off at the end may still be taken).`),
      "The per-person and per-address rate limits stay on (their Redis round trip is part of every activity) with limits the one load-generating person never reaches. What a submit or approval sets in motion (Teams fan-out) is queued as jobs and not run during the measurement; the submits' fan-out is drained afterwards by `src/worker.ts` and timed on its own.",
      `JWT: both bots check every activity's token with botbuilder against an OpenID document and JWKS on loopback (RS256 key endorsed for msteams; token with iss https://api.botframework.com, aud the app id, serviceurl claim; one token per run, as the channel reuses its token). Ours through BOT_OPENID_METADATA_URL, the echo bot with the same botbuilder settings. A token signed with a key outside the JWKS was answered ${throughput.forgedTokenAnswers.ours} by ours and ${throughput.forgedTokenAnswers.echo} by the echo bot (plain botbuilder turns a bad signature into a 500). The token botbuilder fetches for replies is put in its token cache up front (loopback has no Entra ID), as it is after the first reply.`,
      `Memory: our bot in a process of its own on plain JavaScript; process.memoryUsage() after two full GCs (--expose-gc). "At rest" is idle after its first turns (20 greetings, 200 submits and approvals). Then ${count(OPEN_REQUESTS)} submitted requests with ~300-word descriptions are stored through RedisRequestRepository and the bot approves 1,000 of them before the second reading.`,
      `Redis per open request: INFO used_memory after storing the ${count(OPEN_REQUESTS)} requests less before, divided by ${count(OPEN_REQUESTS)} (the request hash and its owner and unit index entries); MEMORY USAGE (SAMPLES 0) of the same keys agrees. "Through the bot" adds everything else a request leaves: audit entries, its effect jobs (BullMQ keeps a completed job 24 h, the acknowledgement reminders wait until due, the events stream is capped) and the activity dedupe keys (with TTL).`,
      `Slot search: SlotFinder as src/main.ts builds it (DEFAULT_SERIES, finnishHolidays, no blackouts), five participants with meetings on most working days and on some Wednesdays over noon, ${SLOT_RUNS} timed finds after a warm-up, each starting at a different week of the two years.`,
      REPORTS_NOTE,
      REMINDERS_NOTE,
    ];
    const durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
    const settings = {
      BENCH_SECONDS: String(seconds),
      'warm-up per run': `${WARM_UP_SECONDS} s`,
      connections: String(CONNECTIONS),
      'slot search runs': String(SLOT_RUNS),
      'pending reminders': `${count(REMINDERS_PENDING)} due at once`,
      fuzz: fuzz ? `FUZZ_RUNS=${FUZZ_RUNS}` : 'off',
    };
    const broken = [...throughput.problems, ...reports.problems];
    printReport(tables, results, broken);
    const problems = broken.map((p) => `**Broken measurement:** ${p}`);
    writeMarkdown(RESULTS_FILE, { startedAt, durationSeconds, machine, settings, load: [loadAtStart, loadNow()] }, tables, results, [...problems, ...notes]);
    console.log(`\nWritten to ${RESULTS_FILE} (${durationSeconds.toFixed(0)} s)`);
    if (broken.length > 0) process.exitCode = 1;
  });
}


main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
