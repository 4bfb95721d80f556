import { DelayedError, Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Effect, EffectOutcome, QueuedEffect } from '../app/effect.js';
import type { Clock, EffectQueue } from '../app/ports.js';
import { DeliveryInFlight } from '../app/workflow/notify-once.js';
import { redisTargetOf } from '../config/redis-url.js';
import { connectTo, type RedisClient } from '../store/redis-connection.js';

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

/** What one look at the queue saw; see {@link BullEffectQueue.look}. */
export interface QueueLook {
  readonly busy: boolean;
  readonly moves: string;
}

export interface JobsLog {
  warn(fields: object, message: string): void;
}

/**
 * BullMQ's connection to `redisUrl`: options for one node, from which BullMQ makes and closes its
 * own clients; for a cluster a Cluster client (BullMQ makes none from options), which the caller closes.
 * Either way the queue's keys share the `{bull}` hash tag of the prefix, as BullMQ needs on a cluster.
 */
function connectionOf(redisUrl: string, forWorker: boolean): { connection: ConnectionOptions; cluster?: RedisClient } {
  // Workers block on Redis and must wait out an outage; the enqueuing side answers a user and fails fast.
  const patience = { maxRetriesPerRequest: forWorker ? null : 1, enableOfflineQueue: forWorker };
  if (redisTargetOf(redisUrl)?.kind === 'cluster') {
    const cluster = connectTo(redisUrl, patience);
    return { connection: cluster as ConnectionOptions, cluster };
  }
  const url = new URL(redisUrl);
  const connection: ConnectionOptions = {
    host: url.hostname,
    port: Number(url.port || 6379),
    // URL keeps them percent-encoded; Azure's access keys end in "=" (%3D).
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    ...patience,
  };
  return { connection };
}

/**
 * Effects as BullMQ jobs: delivery is at least once, so a job id per effect key dedupes
 * enqueues, failures retry with exponential backoff, and job data holds ids only (BullMQ
 * stores it in clear).
 */
export class BullEffectQueue implements EffectQueue {
  private readonly queue: Queue;
  private readonly cluster: RedisClient | undefined;

  constructor(
    redisUrl: string,
    prefix: string,
    log: JobsLog,
    /** The workflow's clock: an effect's due time is on it. */
    private readonly clock: Clock,
    private readonly attempts = 6,
  ) {
    const { connection, cluster } = connectionOf(redisUrl, false);
    this.cluster = cluster;
    this.queue = new Queue(QUEUE, { connection, prefix });
    this.queue.on('error', (error) => log.warn({ err: { name: error.name, message: error.message } }, 'effect queue problem'));
  }

  async enqueue({ effect, key, dueAt }: QueuedEffect): Promise<void> {
    const delay = dueAt === undefined ? 0 : Math.max(0, dueAt - this.clock.now().getTime());
    // The queue waits for its connection; a user waiting on a click must not wait out an outage.
    await withTimeout(ENQUEUE_TIMEOUT_MS, this.queue.add(effect.kind, effect, {
      jobId: key.replace(/:/g, '_'),
      ...(delay > 0 && { delay }),
      attempts: this.attempts,
      backoff: { type: RETRY_BACKOFF },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 14 * 24 * 3600 },
    }));
  }

  /**
   * One look at the queue for a caller waiting for it to go quiet. Busy while anything is waiting,
   * running or due for a retry; jobs scheduled for a later day (reminders, checks of attendees'
   * answers) do not count: they wait for the calendar, not a click. `moves` changes whenever a job
   * finishes or enters or leaves the delayed set, so two quiet looks with the same `moves` saw no
   * job hand work on between them.
   */
  async look(): Promise<QueueLook> {
    // One script reads every count at the same instant; the delayed jobs are read after it.
    const counts = await this.queue.getJobCounts('waiting', 'active', 'prioritized', 'delayed', 'completed', 'failed');
    const delayed = await this.queue.getDelayed();
    const busy =
      counts.waiting! + counts.active! + counts.prioritized! > 0 ||
      // A job that joined or left the delayed set between the two reads is on the move.
      delayed.length !== counts.delayed ||
      delayed.some((job) => !SCHEDULED.has(job.name as Effect['kind']) || job.attemptsMade > 0);
    return { busy, moves: `${counts.completed}:${counts.failed}:${counts.delayed}` };
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
    this.cluster?.disconnect();
  }
}

/** How a failure thrown below a job (Graph, Teams) reads: may a later try get past it, and when. */
export interface FailureReading {
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number | undefined;
}

export type ErrorClassifier = (error: unknown) => FailureReading | undefined;

export interface EffectRunner {
  run(effect: Effect): Promise<EffectOutcome>;
  /** The job failed for good (refused, or out of tries): someone must hear of it. */
  failedForGood(effect: Effect, code: string, jobId: string): Promise<void>;
}

const RETRY_BACKOFF = 'retry-after-or-exponential';
const BASE_BACKOFF_MS = 1000;
/** Past the other run's lease, so the next look finds its outcome. */
const IN_FLIGHT_MARGIN_MS = 250;

/** A failure worth another try; carries how long the other side asked us to wait. */
class TransientJobFailure extends Error {
  constructor(
    readonly code: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(code);
    this.name = 'TransientJobFailure';
  }
}

/** Exponential from one second, or what the other side asked for when it said (Graph's Retry-After). */
function backoffMs(attemptsMade: number, _type?: string, error?: Error): number {
  if (error instanceof TransientJobFailure && error.retryAfterMs !== undefined) return error.retryAfterMs;
  return BASE_BACKOFF_MS * 2 ** Math.max(0, attemptsMade - 1);
}

/**
 * Turns a job's outcome into what BullMQ acts on: a permanent failure, or a thrown error the
 * classifier calls not retryable (a Graph 400), fails at once without retries; anything else
 * transient is thrown again for a backed-off retry.
 */
async function runJob(job: Job, token: string | undefined, runner: EffectRunner, classify: ErrorClassifier): Promise<void> {
  let outcome: EffectOutcome;
  try {
    outcome = await runner.run(job.data as Effect);
  } catch (error) {
    // Waiting out another run's send is no failed try: the job is put back without using one up.
    if (error instanceof DeliveryInFlight && token !== undefined) {
      await job.moveToDelayed(Date.now() + error.retryInMs + IN_FLIGHT_MARGIN_MS, token);
      throw new DelayedError();
    }
    const reading = classify(error);
    if (reading && !reading.retryable) throw new UnrecoverableError(reading.code);
    throw new TransientJobFailure(reading?.code ?? (error instanceof Error ? error.name : 'unknown'), reading?.retryAfterMs);
  }
  if (outcome.ok) return;
  if (outcome.error.kind === 'permanent') throw new UnrecoverableError(outcome.error.code);
  throw new TransientJobFailure(outcome.error.code, outcome.error.retryAfterMs);
}

function failedForGood(job: Job, error: Error): boolean {
  return error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
}

export interface WorkerSettings {
  /** Jobs run at once (EFFECT_CONCURRENCY). */
  readonly concurrency?: number | undefined;
  readonly lockDurationMs?: number | undefined;
  readonly classify?: ErrorClassifier | undefined;
  /** False: the worker takes jobs only once `run()` is called (after the key layout is checked). */
  readonly autorun?: boolean | undefined;
}

export function startEffectWorker(redisUrl: string, prefix: string, runner: EffectRunner, log: JobsLog, settings: WorkerSettings = {}): Worker {
  const lockDurationMs = settings.lockDurationMs ?? 30_000;
  const classify = settings.classify ?? (() => undefined);
  const { connection, cluster } = connectionOf(redisUrl, true);
  const worker = new Worker(QUEUE, async (job, token) => runJob(job, token, runner, classify), {
    connection,
    prefix,
    concurrency: settings.concurrency ?? 1,
    // A lost lock re-runs a job; more than one stall before failing keeps a slow Teams call from being dropped.
    maxStalledCount: 3,
    // A killed worker's job runs again once its lock has lapsed and two stalled checks saw it: within about twice this.
    lockDuration: lockDurationMs,
    stalledInterval: lockDurationMs,
    settings: { backoffStrategy: backoffMs },
    autorun: settings.autorun ?? true,
  });
  worker.on('failed', (job, error) => {
    log.warn({ jobName: job?.name, attempts: job?.attemptsMade, err: { name: error.name, message: error.message } }, 'effect failed');
    if (!job || !failedForGood(job, error)) return;
    const code = error instanceof TransientJobFailure || error.name === 'UnrecoverableError' ? error.message : error.name;
    runner.failedForGood(job.data as Effect, code, job.id ?? job.name).catch((reportError: unknown) =>
      log.warn({ jobName: job.name, err: { name: (reportError as Error).name, message: (reportError as Error).message } }, 'failed effect could not be reported'),
    );
  });
  // A lock that lapsed under a live worker (starved of CPU) re-runs the job beside its first run: worth seeing.
  worker.on('stalled', (jobId) => log.warn({ jobId }, 'effect job taken up again after its lock lapsed'));
  worker.on('error', (error) => log.warn({ err: { name: error.name, message: error.message } }, 'effect worker problem'));
  if (cluster) worker.on('closed', () => cluster.disconnect());
  return worker;
}
