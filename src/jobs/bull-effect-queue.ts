import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Effect } from '../app/effect.js';
import type { EffectQueue } from '../app/ports.js';

const QUEUE = 'effects';
const ENQUEUE_TIMEOUT_MS = 3000;
/** Jobs scheduled for a later day by design, unlike retries of failed work. */
const SCHEDULED: ReadonlySet<Effect['kind']> = new Set([
  'check_responses',
  'ack_reminder',
  'invite_reminder',
  'name_reminder',
  'choose_reminder',
  'meeting_day',
  'feedback_request',
  'feedback_reminder',
  'purge_description',
]);

async function withTimeout<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`effect queue did not answer in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface JobsLog {
  warn(fields: object, message: string): void;
}

function connectionOf(redisUrl: string, forWorker: boolean): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    // URL keeps them percent-encoded; Azure's access keys end in "=" (%3D).
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis and must wait out an outage; the enqueuing side answers a user and fails fast.
    maxRetriesPerRequest: forWorker ? null : 1,
    enableOfflineQueue: forWorker,
  };
}

/**
 * Effects as BullMQ jobs: delivery is at least once, so a job id per effect key dedupes
 * enqueues, failures retry with exponential backoff, and job data holds ids only (BullMQ
 * stores it in clear).
 */
export class BullEffectQueue implements EffectQueue {
  private readonly queue: Queue;

  constructor(redisUrl: string, prefix: string, log: JobsLog) {
    this.queue = new Queue(QUEUE, { connection: connectionOf(redisUrl, false), prefix });
    this.queue.on('error', (error) => log.warn({ err: { name: error.name, message: error.message } }, 'effect queue problem'));
  }

  async enqueue(effect: Effect, key: string, delayMs?: number): Promise<void> {
    // The queue waits for its connection; a user waiting on a click must not wait out an outage.
    await withTimeout(ENQUEUE_TIMEOUT_MS, this.queue.add(effect.kind, effect, {
      jobId: key.replace(/:/g, '_'),
      ...(delayMs !== undefined && { delay: delayMs }),
      attempts: 6,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 14 * 24 * 3600 },
    }));
  }

  /**
   * True when nothing is waiting, running or due for a retry. Jobs scheduled for a later day
   * (reminders, checks of attendees' answers) do not count: they wait for the calendar, not a click.
   */
  async idle(): Promise<boolean> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return false;
    const delayed = await this.queue.getDelayed();
    return delayed.every((job) => SCHEDULED.has(job.name as Effect['kind']) && job.attemptsMade === 0);
  }

  /**
   * The clock moved forward by `ms` (local runs only): scheduled jobs fall due that much sooner.
   * A job is queued again under its own id, so BullMQ's timestamp and delay keep saying when it is due.
   */
  async bringForward(ms: number): Promise<void> {
    for (const job of await this.queue.getDelayed()) {
      const due = job.timestamp + (job.delay ?? 0) - ms;
      await job.remove();
      await this.queue.add(job.name, job.data as Effect, { ...job.opts, delay: Math.max(0, due - Date.now()) });
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export function startEffectWorker(redisUrl: string, prefix: string, run: (effect: Effect) => Promise<void>, log: JobsLog, lockDurationMs = 30_000): Worker {
  const worker = new Worker(QUEUE, async (job) => run(job.data as Effect), {
    connection: connectionOf(redisUrl, true),
    prefix,
    concurrency: 4,
    // A lost lock re-runs a job; more than one stall before failing keeps a slow Teams call from being dropped.
    maxStalledCount: 3,
    // A killed worker's job runs again once its lock has lapsed and two stalled checks saw it: within about twice this.
    lockDuration: lockDurationMs,
    stalledInterval: lockDurationMs,
  });
  worker.on('failed', (job, error) => log.warn({ jobName: job?.name, attempts: job?.attemptsMade, err: { name: error.name, message: error.message } }, 'effect failed'));
  worker.on('error', (error) => log.warn({ err: { name: error.name, message: error.message } }, 'effect worker problem'));
  return worker;
}
