import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import type { EffectWorkerProcess } from '../support/effect-worker-process.js';
import { WorkerScene } from '../support/worker-scene.js';
import { BotHarness } from '../support/bot-harness.js';
import { BullEffectQueue } from '../../src/jobs/bull-effect-queue.js';
import { PEOPLE, collect, publishTable, ledgerInFlight, rowOf, runFlows, unexplainedRepeats, type FlowKind, type RunResult, type RunTarget } from './support/fault-runs.js';
import { FAULT_TABLE_FILE } from '../support/bot-sdk.js';
import type { FaultRow } from './support/people-driver.js';

const rows: FaultRow[] = [];
const QUEUE_FLOWS: readonly FlowKind[] = ['fan-out', 'fan-out', 'fan-out', 'fan-out'];
afterAll(() => {
  if (rows.length > 0) publishTable(rows, FAULT_TABLE_FILE);
});

const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

/** Sequential flows keep the baseline comparable; at least this many, and as many more as the kills need. */
const MIN_FLOWS = 10;
const MIN_KILLS = 25;

/**
 * The fault table takes minutes and several processes; it runs with `npm run faults`
 * (FAULT_TABLE=1), not in `npm test`, and writes test/faults/fault-table.md for README.
 */
const runTable = process.env.FAULT_TABLE === '1';

describe.runIf(runTable)('effect workers killed at random moments', () => {
  /** A fresh Redis and Graph sandbox per run, so references restart at YT-2026-0001 and calendars are empty. */
  async function workerRun(kill: boolean, logs: string[], plannedFlows = 0): Promise<{ result: RunResult; kills: number; inFlight: string[]; killedAt: string[] }> {
    const sandbox: GraphSandbox = await startGraphSandbox();
    const scene = await WorkerScene.start({ ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' });
    let current: EffectWorkerProcess = scene.startWorker();
    let kills = 0;
    const inFlight: string[] = [];
    const killedAt: string[] = [];
    let killing = kill;
    // Each worker gets 200–1500 ms once it runs before it is killed: counting from its spawn instead
    // would kill most workers while they still start, and test nothing but start-up. A worker killed
    // before Teams took anything from it leaves the next one twice as long (up to 8x): on a loaded
    // machine a job can outlast 1.5 s, and workers all killed sooner would never finish it.
    let patience = 1;
    const killer = (async () => {
      while (killing) {
        await current.running(30_000).catch(() => undefined);
        const before = scene.harness.connector.captured.length;
        await sleep(between(200, 1500) * patience);
        if (!killing) break;
        await current.kill();
        kills++;
        killedAt.push(new Date().toISOString().slice(11, 23));
        patience = scene.harness.connector.captured.length > before ? 1 : Math.min(8, patience * 2);
        inFlight.push(...(await ledgerInFlight(scene.harness.bot.redis, scene.harness.prefix)));
        current = scene.startWorker();
      }
    })();
    try {
      await current.running(30_000);
      for (const user of PEOPLE) await scene.harness.say(user, 'hei');
      scene.harness.connector.clear();
      const target: RunTarget = {
        url: () => scene.harness.url,
        connector: scene.harness.connector,
        redis: () => scene.harness.bot.redis,
        prefix: scene.harness.prefix,
        settled: () => scene.harness.bot.settled(120_000),
      };
      // The fault run goes on in pairs of flows until the kills are enough; its baseline then runs
      // the same flows, so the comparison stays flow for flow.
      const kinds: FlowKind[] = [];
      const flows = { ids: [] as string[], record: { fiveHundreds: 0, repeats: 0 } };
      while (kill ? kinds.length < MIN_FLOWS || kills < MIN_KILLS : kinds.length < plannedFlows) {
        const pair: FlowKind[] = ['fan-out', 'booking'];
        const more = await runFlows(target, pair);
        kinds.push(...pair);
        flows.ids.push(...more.ids);
        flows.record.fiveHundreds += more.record.fiveHundreds;
        flows.record.repeats += more.record.repeats;
      }
      killing = false;
      await killer;
      // A last worker that lives: whatever the killed ones left must still be done exactly once.
      const last = scene.startWorker();
      await last.running(30_000);
      await scene.harness.bot.settled(60_000);
      await last.stop();
      const result = await collect(target, flows);
      return { result, kills, inFlight, killedAt };
    } finally {
      killing = false;
      await killer.catch(() => undefined);
      logs.push(scene.logs(), ...scene.harness.logLines.slice(-200));
      await scene.close();
      await sandbox.stop();
    }
  }

  it('loses and strands nothing, and repeats only a card Teams took as its worker died, with workers killed at least 25 times during fan-out and booking', async ({ onTestFailed }) => {
    const logs: string[] = [];
    let differences: string[] = [];
    onTestFailed(() => console.error([...differences, ...logs].join('\n')));
    const faulted = await workerRun(true, logs);
    const baseline = await workerRun(false, [], faulted.result.requests.length);
    const { row, differences: found } = rowOf('effect worker `kill -9` during fan-out and booking', faulted.kills, baseline.result, faulted.result, faulted.inFlight);
    differences = found;
    rows.push(row);
    expect(faulted.kills).toBeGreaterThanOrEqual(MIN_KILLS);
    // Each repeat must be one of the cards taken by Teams as a worker died; none may be lost.
    expect(found.filter((d) => !d.includes(': +')), 'lost cards or wrong states').toEqual([]);
    // What a repeat nothing explains needs to be traced, last in the output where a CI log's tail keeps it.
    const repeats = unexplainedRepeats(baseline.result, faulted.result, faulted.inFlight);
    const timelines = repeats.flatMap((repeat) => {
      const [name = '', line = ''] = repeat.split(': ');
      const flow = /flow \d+\b/.exec(line)?.[0] ?? '';
      const ofFlow = (run: RunResult) => (run.timeline.get(name) ?? []).filter((entry) => entry.includes(`${flow} `) || entry.endsWith(flow));
      return [`${repeat}; ${flow} is request ${faulted.result.requests[Number(flow.slice(5)) - 1]?.id}`, '  faulted:', ...ofFlow(faulted.result).map((e) => `    ${e}`), '  baseline:', ...ofFlow(baseline.result).map((e) => `    ${e}`)];
    });
    const trace = [...found, ...timelines, `killed at: ${faulted.killedAt.join(' ')}`, 'in flight at the kills:', ...faulted.inFlight];
    expect(row.duplicated, `duplicates not taken as a worker died:\n${trace.join('\n')}`).toBe(0);
    expect(row).toMatchObject({ lost: 0, duplicated: 0, wrongState: 0, fiveHundreds: 0 });
  }, 300_000);
});

describe.runIf(runTable)('the effect queue refusing to take effects for a while', () => {
  /** An in-process bot (its worker embedded) on a fresh key prefix, so references restart at YT-2026-0001. */
  async function queueRun(failing: boolean, logs: string[]): Promise<{ result: RunResult; refused: number }> {
    const harness = await new BotHarness(undefined, { OUTBOX_SWEEP_MS: '200' }).start();
    const enqueue = BullEffectQueue.prototype.enqueue;
    let refused = 0;
    let refusing = failing;
    // About every other add fails while the flows run: the decision is already stored with its
    // effects in the outbox, so a sweep must move each one later, none twice.
    // At most two refusals in a row per effect: a job that queues follow-ons is retried within its
    // tries, so what is measured is the outbox, not a queue down for longer than EFFECT_ATTEMPTS.
    const inARow = new Map<string, number>();
    const spy = vi.spyOn(BullEffectQueue.prototype, 'enqueue').mockImplementation(function (this: BullEffectQueue, entry) {
      const streak = inARow.get(entry.key) ?? 0;
      if (refusing && streak < 2 && Math.random() < 0.5) {
        refused++;
        inARow.set(entry.key, streak + 1);
        return Promise.reject(new Error('BullMQ add refused by the test'));
      }
      inARow.set(entry.key, 0);
      return enqueue.call(this, entry);
    });
    try {
      for (const user of PEOPLE) await harness.say(user, 'hei');
      harness.connector.clear();
      const target: RunTarget = {
        url: () => harness.url,
        connector: harness.connector,
        redis: () => harness.bot.redis,
        prefix: harness.prefix,
        settled: () => harness.bot.settled(60_000),
      };
      const flows = await runFlows(target, QUEUE_FLOWS);
      refusing = false;
      await harness.bot.settled(60_000);
      return { result: await collect(target, flows), refused };
    } finally {
      refusing = false;
      spy.mockRestore();
      logs.push(...harness.logLines.slice(-200));
      await harness.stop();
    }
  }

  it('delivers every card once and leaves every request where the baseline did when about half the adds fail', async ({ onTestFailed }) => {
    const logs: string[] = [];
    let differences: string[] = [];
    onTestFailed(() => console.error([...differences, ...logs].join('\n')));
    const baseline = await queueRun(false, logs);
    logs.length = 0;
    const faulted = await queueRun(true, logs);
    const { row, differences: found } = rowOf('BullMQ add failing ~50% (OUTBOX_SWEEP_MS=200)', faulted.refused, baseline.result, faulted.result);
    differences = found;
    rows.push(row);
    expect(faulted.refused).toBeGreaterThan(0);
    expect(found).toEqual([]);
    expect(row).toMatchObject({ lost: 0, duplicated: 0, wrongState: 0, fiveHundreds: 0 });
  }, 180_000);
});
