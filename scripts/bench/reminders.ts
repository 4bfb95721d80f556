import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { effectDone, type Effect } from '../../src/app/effect.js';
import { personKey } from '../../src/bot/conversation-keys.js';
import { DEFAULT_EFFECT_CONCURRENCY } from '../../src/config/env-schema.js';
import { BullEffectQueue, startEffectWorker } from '../../src/jobs/bull-effect-queue.js';
import { RedisBotMemory } from '../../src/store/redis-bot-memory.js';
import { TENANT } from '../../test/support/bot-harness.js';
import type { LoopbackConnector } from '../../test/support/loopback-connector.js';
import { directory } from '../../test/support/people.js';
import type { BenchRedis } from './bench-redis.js';
import { workerProcess } from './effects.js';
import { ascending, percentile } from './report.js';
import { deleteKeys, RECEIVING_UNIT, requestRepository, seedRequests } from './seed.js';

/** Time to queue them all before they fall due. */
const LEAD_MS = 8000;
const ENQUEUES_IN_FLIGHT = 100;
const RUN_TIMEOUT_MS = 240_000;
const quiet = { warn: () => undefined };

export interface Lateness {
  readonly jobs: number;
  /** Processes running the jobs. */
  readonly workers: number;
  /** Job finished (its card taken by the connector) less its due time, ms. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Job started (BullMQ's processedOn) less its due time, ms. */
  readonly startedP99Ms: number;
  /** Jobs the queueing itself made late: queued after their due time. */
  readonly queuedLate: number;
  readonly failed: number;
  /** Jobs finished per second from the due time to the last one finished. */
  readonly perSecond: number;
}

export interface RemindersRun extends Lateness {
  readonly delivered: number;
  /** CPU the worker processes used per job, ms: what a reminder costs, however loaded the shared cores are. */
  readonly cpuPerJobMs: number;
  /** TCP connections the workers opened to the connector for all their cards. */
  readonly connections: number;
}

/**
 * Queues one job per request id, all due at the same instant, as our code queues effects, and
 * waits until the workers have run them all. A job's lateness is when BullMQ recorded it finished
 * (its card was taken by the connector before that) less the due time it was given.
 */
async function runDue(redisUrl: string, queuePrefix: string, requestIds: readonly string[], workers: number, whileWaiting: () => void): Promise<Lateness> {
  const effects = new BullEffectQueue(redisUrl, queuePrefix, quiet, { now: () => new Date() });
  // The queue's name is the one BullEffectQueue uses; this handle only reads the jobs' timestamps.
  const jobs = new Queue('effects', { connection: { url: redisUrl }, prefix: queuePrefix });
  try {
    const keys = new Set<string>();
    const dueAt = Date.now() + LEAD_MS;
    let queuedLate = 0;
    for (let start = 0; start < requestIds.length; start += ENQUEUES_IN_FLIGHT) {
      await Promise.all(
        requestIds.slice(start, start + ENQUEUES_IN_FLIGHT).map((requestId) => {
          const key = `ack-${requestId}-${RECEIVING_UNIT}-1`;
          keys.add(key);
          if (dueAt < Date.now()) queuedLate++;
          const effect: Effect = { kind: 'ack_reminder', requestId, unitId: RECEIVING_UNIT, stage: 1 };
          return effects.enqueue({ effect, key, dueAt });
        }),
      );
    }
    const deadline = dueAt + RUN_TIMEOUT_MS;
    let failed = 0;
    for (;;) {
      whileWaiting();
      const counts = await jobs.getJobCounts('completed', 'failed');
      failed = counts.failed ?? 0;
      if ((counts.completed ?? 0) + failed >= requestIds.length) break;
      if (Date.now() > deadline) throw new Error(`jobs still running after ${RUN_TIMEOUT_MS / 1000} s: ${JSON.stringify(counts)}`);
      await sleep(200);
    }
    const ran = (await jobs.getJobs(['completed', 'failed'], 0, -1)).filter((job) => keys.has(job.id ?? ''));
    const finished = ascending(ran.map((job) => (job.finishedOn ?? Number.NaN) - dueAt));
    const started = ascending(ran.map((job) => (job.processedOn ?? Number.NaN) - dueAt));
    return {
      jobs: ran.length,
      workers,
      p50Ms: percentile(finished, 50),
      p99Ms: percentile(finished, 99),
      maxMs: finished.at(-1) ?? Number.NaN,
      startedP99Ms: percentile(started, 99),
      queuedLate,
      failed,
      perSecond: ran.length / ((finished.at(-1) ?? Number.NaN) / 1000),
    };
  } finally {
    await effects.close();
    await jobs.close();
  }
}

/** What the bot stores when a supervisor first talks to it, with the loopback connector as the serviceUrl. */
async function connectSupervisors(memory: RedisBotMemory, connectorUrl: string): Promise<void> {
  for (const id of directory.unit(RECEIVING_UNIT)?.supervisors ?? []) {
    const reference = {
      channelId: 'msteams',
      serviceUrl: connectorUrl,
      conversation: { id: `a:personal-${id}`, conversationType: 'personal', tenantId: TENANT },
      user: { id: `29:${id}`, aadObjectId: id },
      bot: { id: '28:yhteistyobotti', name: 'Yhteistyöbotti' },
    };
    await memory.saveReference(personKey(id), JSON.stringify(reference));
  }
}

/**
 * Real `ack_reminder` jobs for routed requests nobody has acknowledged, run by `workers` effect
 * worker processes (`src/worker.ts`, concurrency and locks as in production): each re-reads its
 * request, checks for a holiday pause, writes the message ledger, sends the unit's supervisor a
 * card through the loopback connector and schedules the escalation.
 */
export async function benchReminders(redis: BenchRedis, connector: LoopbackConnector, pending: number, workers: number): Promise<RemindersRun> {
  const prefix = `bench:reminders:${randomBytes(4).toString('hex')}:`;
  const processes = Array.from({ length: workers }, () => workerProcess(redis.url, prefix));
  connector.clear();
  const connectionsBefore = connector.connections;
  let delivered = 0;
  const countDeliveries = () => {
    delivered += connector.captured.length;
    connector.clear();
  };
  try {
    const ids = await seedRequests(requestRepository(redis.client, prefix), pending, 'routed');
    await connectSupervisors(new RedisBotMemory(redis.client, prefix), connector.url);
    await Promise.all(processes.map((worker) => worker.running(30_000)));
    const cpuMs = () => processes.reduce((sum, worker) => sum + worker.cpuMs(), 0);
    const cpuBefore = cpuMs();
    const lateness = await runDue(redis.url, `${prefix}{bull}`, ids, workers, countDeliveries);
    const cpuPerJobMs = (cpuMs() - cpuBefore) / lateness.jobs;
    countDeliveries();
    return { ...lateness, delivered, cpuPerJobMs, connections: connector.connections - connectionsBefore };
  } finally {
    await Promise.all(processes.map((worker) => worker.stop()));
    await deleteKeys(redis.client, prefix);
  }
}

/**
 * The same queue, job options and worker settings (`startEffectWorker`), but a job that does
 * nothing: what BullMQ's delayed-job scheduling alone adds, apart from the work of a reminder.
 */
export async function benchJobScheduling(redis: BenchRedis, pending: number): Promise<Lateness> {
  const prefix = `bench:scheduling:${randomBytes(4).toString('hex')}:`;
  const worker = startEffectWorker(redis.url, `${prefix}{bull}`, { run: async () => effectDone, failedForGood: async () => undefined }, quiet, {
    concurrency: DEFAULT_EFFECT_CONCURRENCY,
  });
  try {
    await worker.waitUntilReady();
    const ids = Array.from({ length: pending }, () => randomBytes(16).toString('base64url'));
    return await runDue(redis.url, `${prefix}{bull}`, ids, 1, () => undefined);
  } finally {
    await worker.close();
    await deleteKeys(redis.client, prefix);
  }
}
