import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxEnvironment, startGraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { settledEffects } from '../../src/compose/local-tools.js';
import { BullEffectQueue } from '../../src/jobs/bull-effect-queue.js';
import { RedisEffectOutbox } from '../../src/store/redis-effect-outbox.js';
import { BotProcess } from '../support/bot-process.js';
import { EffectWorkerProcess } from '../support/effect-worker-process.js';
import { LoopbackConnector } from '../support/loopback-connector.js';
import { OwnRedis } from '../support/own-redis.js';
import { SCENE_EFFECT_CONCURRENCY, WorkerScene } from '../support/worker-scene.js';
import { PEOPLE, collect, publishTable, rowOf, runFlowPairs, takenAsKilled, wrongAnswers, type KillMoment, type RunResult, type RunTarget } from './support/fault-runs.js';
import { FAULT_TABLE_FILE } from '../support/bot-sdk.js';
import { PeopleDriver, type ClickAnswer, type FaultRow } from './support/people-driver.js';

const rows: FaultRow[] = [];
afterAll(() => publishTable(rows, FAULT_TABLE_FILE));

const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

/** Flows run in pairs, fan-out then booking, at least this many and as many more as the kills need. */
const MIN_FLOWS = 4;
/** The calendar week the booking flows propose times in, the same in every run. */
const ANCHOR = { YHTEISTYOAIKA_ANCHOR: '2026-11-25' };

/** What a run leaves for its row: the outcome, each click's answer, and how many faults it took. */
interface KillRun {
  readonly result: RunResult;
  readonly answers: readonly ClickAnswer[];
  readonly kills: number;
}

/** The row of a fault run against its baseline; a failing test prints every difference and the logs. */
function judge(fault: string, baseline: KillRun, faulted: KillRun, takenAsKilled?: Map<string, string[]>): { row: FaultRow; differences: string[] } {
  const { row, differences } = rowOf(fault, faulted.kills, baseline.result, faulted.result, takenAsKilled);
  return { row, differences: [...differences, ...wrongAnswers(baseline, faulted)] };
}

/**
 * The fault table takes minutes and several processes: `npm run faults` (FAULT_TABLE=1) runs it,
 * after the rest of the suite in `npm test`, and merges its rows into test/faults/fault-table.md.
 */
const runTable = process.env.FAULT_TABLE === '1';

describe.runIf(runTable)('Redis killed at random moments and restarted on its AOF', () => {
  const MIN_KILLS = 9;
  /**
   * Each outage costs the flows seconds (job retries back off, a lock taken just before the kill
   * holds its request for 10 s): past this many the flows that are left run fault-free, so the row
   * keeps to its time.
   */
  const MAX_KILLS = 24;

  /** The bot's settle, through outages: asked while Redis is down it fails at once, so it is asked again. */
  async function settledThrough(settled: (timeoutMs: number) => Promise<void>, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await settled(Math.max(1000, deadline - Date.now()));
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
  }

  /** The in-process bot and one effect worker on a Redis of the run's own (AOF, appendfsync always), and a fresh Graph sandbox. */
  async function redisRun(kill: boolean, logs: string[], plannedFlows = 0): Promise<KillRun & { takenAsKilled: Map<string, string[]> }> {
    const sandbox = await startGraphSandbox();
    const scene = await WorkerScene.start({ ...sandboxEnvironment(sandbox), ...ANCHOR });
    let killing = false;
    let kills = 0;
    const killedAt: KillMoment[] = [];
    let killer: Promise<void> = Promise.resolve();
    let clicking: (() => void) | undefined;
    try {
      await scene.startWorker().running(30_000);
      for (const user of PEOPLE) await scene.harness.say(user, 'hei');
      scene.harness.connector.clear();
      const target: RunTarget = {
        url: () => {
          clicking?.();
          return scene.harness.url;
        },
        connector: scene.harness.connector,
        redis: () => scene.harness.bot.redis,
        prefix: scene.harness.prefix,
        settled: () => settledThrough((ms) => scene.harness.bot.settled(ms)),
      };
      killing = kill;
      // Redis lives 1–3 s, or until about every third click is on its way and then 0–20 ms more
      // (a click takes milliseconds, the waits between them seconds: random moments alone would
      // seldom meet one); then it stays away 100–1500 ms, and is always started again.
      killer = (async () => {
        while (killing && kills < MAX_KILLS) {
          const aimed = new Promise<void>((resolve) => {
            clicking = () => {
              if (Math.random() < 1 / 3) resolve();
            };
          });
          await Promise.race([sleep(between(1000, 3000)), aimed.then(() => sleep(between(0, 20)))]);
          clicking = undefined;
          if (!killing) break;
          await scene.redis.kill();
          kills++;
          const at = scene.harness.connector.captured.length;
          await sleep(between(100, 1500));
          await scene.redis.start();
          killedAt.push({ at, until: scene.harness.connector.captured.length });
        }
      })();
      const flows = await runFlowPairs(target, (n) => (kill ? n >= MIN_FLOWS && kills >= MIN_KILLS : n >= plannedFlows));
      killing = false;
      await killer;
      await target.settled();
      const result = await collect(target, flows);
      return { result, answers: flows.answers, kills, takenAsKilled: takenAsKilled(scene.harness.connector, killedAt, result) };
    } finally {
      killing = false;
      await killer.catch((error: unknown) => logs.push(`the killer failed: ${String(error)}`));
      logs.push(scene.logs(), ...scene.harness.logLines.slice(-300));
      await scene.close();
      await sandbox.stop();
    }
  }

  it('loses and strands nothing, repeats only a card Teams took as Redis died, never answers 5xx, and answers a repeated click truthfully, with Redis killed at least 9 times during fan-out and booking', async ({ onTestFailed }) => {
    const logs: string[] = [];
    let differences: string[] = [];
    onTestFailed(() => console.error([...differences, ...logs].join('\n')));
    const faulted = await redisRun(true, logs);
    const baseline = await redisRun(false, [], faulted.result.requests.length);
    const judged = judge('Redis `kill -9` at random moments and 0–20 ms into clicks, restarted on its AOF (appendfsync always) after 100–1500 ms', baseline, faulted, faulted.takenAsKilled);
    differences = judged.differences;
    rows.push(judged.row);
    expect(faulted.kills).toBeGreaterThanOrEqual(MIN_KILLS);
    // A card Teams took just before Redis went, or while it was down, may be sent again (the ledger
    // could not record it); the row counts such duplicates, and any other difference fails it.
    expect(differences.filter((d) => !d.includes(': +')), 'lost cards, wrong states or wrong answers').toEqual([]);
    expect(judged.row.duplicated, 'duplicates not taken by Teams as Redis was killed').toBe(0);
    expect(judged.row).toMatchObject({ lost: 0, duplicated: 0, wrongState: 0, fiveHundreds: 0 });
  }, 240_000);
});

describe.runIf(runTable)('the bot process killed mid-click', () => {
  const MIN_KILLS = 10;
  /** Of the clicks sent while a spare instance is ready, about this share has its bot killed under it. */
  const KILL_CHANCE = 0.5;

  /**
   * Bot processes (src/main.ts, local mode) and one effect worker process on a Redis of the run's
   * own, with a loopback connector and a fresh Graph sandbox. The worker lives throughout, so every
   * card a run loses or doubles is the bot's doing.
   */
  async function botRun(kill: boolean, logs: string[], plannedFlows = 0): Promise<KillRun> {
    const sandbox = await startGraphSandbox();
    const redis = await OwnRedis.start();
    const connector = new LoopbackConnector();
    await connector.start();
    const prefix = `test:${randomUUID().slice(0, 8)}:`;
    const env = {
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: prefix,
      // Local mode: activities need no token, and proactive cards go to the serviceUrl they came with, the connector.
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppTenantId: '',
      DATA_ENCRYPTION_KEY: '',
      EFFECT_WORKER: 'off',
      EFFECT_CONCURRENCY: String(SCENE_EFFECT_CONCURRENCY),
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_USER: '100000',
      RATE_LIMIT_PER_IP: '100000',
      ...sandboxEnvironment(sandbox),
      ...ANCHOR,
    };
    const worker = EffectWorkerProcess.start(env);
    const bots: BotProcess[] = [];
    const startBot = async () => {
      const bot = await BotProcess.start(env);
      bots.push(bot);
      return bot;
    };
    // What the test's settle reads: the outbox and the queue, as the bot's own `settled` does.
    const store = new Redis(redis.url);
    const effects = new BullEffectQueue(redis.url, `${prefix}{bull}`, { warn: (fields, message) => logs.push(`${message} ${JSON.stringify(fields)}`) }, { now: () => new Date() });
    const settled = settledEffects(effects, new RedisEffectOutbox(store, prefix));
    let killing = false;
    let kills = 0;
    const dying: Promise<void>[] = [];
    let spare: BotProcess | undefined;
    let starting: Promise<unknown> = Promise.resolve();
    const prepareSpare = () => {
      starting = startBot().then((bot) => {
        spare = bot;
      });
    };
    try {
      let current = await startBot();
      await worker.running(30_000);
      // Two instances, as behind a load balancer: a click whose bot is killed under it is clicked again
      // and reaches the other, and a fresh process is started in place of the dead one.
      const url = () => {
        const clicked = current;
        if (killing && spare && Math.random() < KILL_CHANCE) {
          current = spare;
          spare = undefined;
          kills++;
          // The click is on its way: the kill lands before it arrives, while it is handled, or as it is answered.
          dying.push(sleep(between(0, 30)).then(() => clicked.kill()));
          prepareSpare();
        }
        return clicked.url;
      };
      const greeter = new PeopleDriver(url, connector);
      for (const user of PEOPLE) await greeter.say(user, 'hei');
      await settled(30_000);
      connector.clear();
      if (kill) {
        prepareSpare();
        await starting;
      }
      killing = kill;
      const target: RunTarget = { url, connector, redis: () => store, prefix, settled: () => settled(60_000) };
      const flows = await runFlowPairs(target, (n) => (kill ? n >= MIN_FLOWS && kills >= MIN_KILLS : n >= plannedFlows));
      killing = false;
      await Promise.all(dying);
      await target.settled();
      return { result: await collect(target, flows), answers: flows.answers, kills };
    } finally {
      killing = false;
      await starting.catch((error: unknown) => logs.push(`a spare bot did not start: ${String(error)}`));
      await Promise.all(dying);
      logs.push(...bots.flatMap((bot, i) => [`--- bot ${i + 1}`, ...bot.output.slice(-150)]), '--- worker', ...worker.output.slice(-300));
      await Promise.all([...bots.map((bot) => bot.kill()), worker.stop()]);
      await effects.close();
      await store.quit();
      await connector.stop();
      await redis.remove();
      await sandbox.stop();
    }
  }

  it('loses, doubles and strands nothing, never answers 5xx, and answers a repeated click truthfully, with the bot killed under a click at least 10 times', async ({ onTestFailed }) => {
    const logs: string[] = [];
    let differences: string[] = [];
    onTestFailed(() => console.error([...differences, ...logs].join('\n')));
    const faulted = await botRun(true, logs);
    const baseline = await botRun(false, [], faulted.result.requests.length);
    const judged = judge('bot `kill -9` 0–30 ms into a click (separate effect worker)', baseline, faulted);
    differences = judged.differences;
    rows.push(judged.row);
    expect(faulted.kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(differences).toEqual([]);
    expect(judged.row).toMatchObject({ lost: 0, duplicated: 0, wrongState: 0, fiveHundreds: 0 });
  }, 240_000);
});
