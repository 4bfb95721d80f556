import { Queue } from 'bullmq';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { BotHarness, invokeAnswer, type Card, type TestUser } from './bot-harness.js';
import { EffectWorkerProcess } from './effect-worker-process.js';
import { OwnRedis } from './own-redis.js';

/**
 * Jobs each worker of a fault scene runs at once (EFFECT_CONCURRENCY), fewer than production's:
 * each running job may have one card Teams took but the ledger had not recorded when a kill came,
 * so this bounds the duplicates a kill may explain (fault-runs.ts), and a small bound keeps that check sharp.
 */
export const SCENE_EFFECT_CONCURRENCY = 4;

/**
 * A bot that leaves its effects to effect-worker processes, all on a Redis of the scene's own:
 * the test starts workers, kills them where it wants, and looks at the queue, the stored
 * requests and the audit log as an operator would.
 */
export class WorkerScene {
  readonly workers: EffectWorkerProcess[] = [];
  readonly workerEnv: Readonly<Record<string, string>>;
  /** BullMQ's own view of the effect queue. */
  readonly jobs: Queue;

  private constructor(
    readonly redis: OwnRedis,
    readonly harness: BotHarness,
    env: Readonly<Record<string, string>>,
  ) {
    this.workerEnv = {
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: harness.prefix,
      // Local mode, as the harness runs: proactive messages go straight to the stored serviceUrl.
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppTenantId: '',
      DATA_ENCRYPTION_KEY: '',
      // Short locks, so a killed worker's job is taken up again within seconds, not a minute.
      EFFECT_LOCK_MS: '1500',
      // A worker killed mid-send leaves its message leased: short, so the re-send comes within seconds.
      DELIVERY_LEASE_MS: '3000',
      LOG_LEVEL: 'info',
      ...env,
    };
    this.jobs = new Queue('effects', { connection: { url: redis.url, maxRetriesPerRequest: null }, prefix: `${harness.prefix}{bull}` });
    this.jobs.on('error', () => undefined);
  }

  /** `env` goes to the bot and to every worker (Graph settings, anchor dates); `redisSettings` to redis-server. */
  static async start(env: Readonly<Record<string, string>> = {}, redisSettings: Readonly<Record<string, string>> = {}): Promise<WorkerScene> {
    const redis = await OwnRedis.start(redisSettings);
    const sceneEnv = { EFFECT_CONCURRENCY: String(SCENE_EFFECT_CONCURRENCY), ...env };
    const harness = await new BotHarness(undefined, { ...sceneEnv, REDIS_URL: redis.url, EFFECT_WORKER: 'off' }).start();
    return new WorkerScene(redis, harness, sceneEnv);
  }

  startWorker(): EffectWorkerProcess {
    const worker = EffectWorkerProcess.start(this.workerEnv);
    this.workers.push(worker);
    return worker;
  }

  /** Every worker's output, for a failing test to show. */
  logs(): string {
    return this.workers.map((w, i) => `--- worker ${i + 1}\n${w.output.join('\n')}`).join('\n');
  }

  /**
   * A click answered without waiting for the effects it queued: with no worker running, or one
   * that is to be killed mid-job, they would never settle.
   */
  async clickNow(user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card | string> {
    const response = await fetch(`${this.harness.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.harness.activity(user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } })),
    });
    if (response.status !== 200) throw new Error(`${verb} answered ${response.status}`);
    return invokeAnswer(await response.json());
  }

  async request(id: string): Promise<CollaborationRequest> {
    const meta = await this.harness.bot.redis.hget(`${this.harness.prefix}{wf}:request:${id}`, 'meta');
    if (!meta) throw new Error(`request ${id} is not stored`);
    return JSON.parse(meta) as CollaborationRequest;
  }

  /** The audit actions recorded for a request, in order. */
  async auditActions(requestId: string): Promise<string[]> {
    const entries = await this.harness.bot.redis.xrange(`${this.harness.prefix}{wf}:audit`, '-', '+');
    return entries.flatMap(([, fields]) => {
      const entry = Object.fromEntries(fields.flatMap((_, i) => (i % 2 === 0 ? [[fields[i], fields[i + 1]]] : [])));
      return entry.requestId === requestId ? [String(entry.action)] : [];
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.kill()));
    await this.jobs.close();
    await this.harness.stop();
    await this.redis.remove();
  }
}
