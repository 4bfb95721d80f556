import { setTimeout as sleep } from 'node:timers/promises';
import { BullEffectQueue } from '../../src/jobs/bull-effect-queue.js';
import { EffectWorkerProcess } from '../../test/support/effect-worker-process.js';

const DRAIN_TIMEOUT_MS = 300_000;

/**
 * The effect worker process (`npm run worker`, through tsx) on the bench's Redis, configured like
 * the bench's bots whatever the shell's environment says: local mode (messages go straight to the
 * stored serviceUrl), no Graph, the example directory and the local key the seeded requests are sealed with.
 */
export const workerProcess = (redisUrl: string, prefix: string) =>
  EffectWorkerProcess.start({
    NODE_ENV: 'test',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'info',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppTenantId: '',
    GRAPH_TENANT_ID: '',
    GRAPH_CLIENT_ID: '',
    GRAPH_CLIENT_SECRET: '',
    DATA_ENCRYPTION_KEY: '',
    UNIT_DIRECTORY_FILE: 'infra/unit-directory.example.yaml',
  });

/** Runs every effect queued under the prefix with a worker process started for it; answers the seconds taken, start included. */
export async function drainEffects(redisUrl: string, prefix: string): Promise<number> {
  const started = performance.now();
  const worker = workerProcess(redisUrl, prefix);
  const queue = new BullEffectQueue(redisUrl, `${prefix}{bull}`, { warn: () => undefined }, { now: () => new Date() });
  try {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while ((await queue.look()).busy) {
      if (Date.now() > deadline) throw new Error(`effects still queued after ${DRAIN_TIMEOUT_MS / 1000} s`);
      await sleep(100);
    }
  } finally {
    await queue.close();
    await worker.stop();
  }
  return (performance.now() - started) / 1000;
}
