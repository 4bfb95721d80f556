import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EffectWorkerProcess, eventually } from '../support/effect-worker-process.js';
import { LoopbackConnector } from '../support/loopback-connector.js';
import { OwnRedis } from '../support/own-redis.js';
import { ReminderScene, acknowledgementJob, deliveredTo, reminderText } from '../support/reminder-scene.js';

describe('reminder jobs across a killed Redis', () => {
  const tempDir = mkdtempSync(join(tmpdir(), 'yt-redis-restart-'));
  const connector = new LoopbackConnector();
  let workers: EffectWorkerProcess[] = [];
  let redis: OwnRedis;
  let scene: ReminderScene;

  const startWorker = () => {
    const worker = EffectWorkerProcess.start(scene.workerEnv);
    workers.push(worker);
    return worker;
  };
  const showWorkerLogs = () => console.error(workers.map((w, i) => `--- worker ${i + 1}\n${w.output.join('\n')}`).join('\n'));
  const completed = (jobIds: readonly string[]) => async () => (await Promise.all(jobIds.map((id) => scene.stateOf(id)))).every((s) => s === 'completed');
  /** A job's follow-on goes through the outbox, which the relay moves into the queue a moment after the job completes. */
  const escalationsQueued = (ids: readonly string[]) => async () => (await Promise.all(ids.map((id) => scene.escalations(id)))).every((jobs) => jobs.length > 0);

  /** Each supervisor has exactly one reminder of each request, and no other message. */
  const expectOneReminderEach = (references: readonly string[]) => {
    for (const person of scene.supervisors) {
      const cards = deliveredTo(connector, person);
      expect(cards, person).toHaveLength(references.length);
      for (const reference of references) expect(cards.filter((texts) => texts.includes(reminderText(reference))), `${person} ${reference}`).toHaveLength(1);
    }
  };

  beforeAll(async () => {
    redis = await OwnRedis.start();
    scene = new ReminderScene(redis.url, tempDir);
    await connector.start();
    await scene.connectSupervisors(connector);
  });

  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    workers = [];
    connector.clear();
  });

  afterAll(async () => {
    await scene?.close();
    await connector.stop();
    await redis?.remove();
    rmSync(tempDir, { recursive: true, force: true });
  });

  it('keeps delayed reminders through a SIGKILL of Redis and runs each once, with two workers taking jobs', async ({ onTestFailed }) => {
    onTestFailed(showWorkerLogs);
    const requests = [await scene.routedRequest(), await scene.routedRequest()];
    const jobs = await Promise.all(requests.map((r) => scene.queueAcknowledgementReminder(r.id, 2000)));

    await redis.kill();
    await redis.start();
    await eventually(async () => scene.redis.status === 'ready', 'the test reconnects to the restarted Redis');
    expect(await Promise.all(jobs.map((id) => scene.stateOf(id)))).toEqual(['delayed', 'delayed']);
    expect(deliveredTo(connector, scene.supervisors[0]!)).toEqual([]);

    startWorker();
    startWorker();
    await eventually(completed(jobs), 'both reminders have run', 20_000);

    expectOneReminderEach(requests.map((r) => r.reference));
    await eventually(escalationsQueued(requests.map((r) => r.id)), 'each reminder has queued its escalation');
    for (const { id } of requests) expect(await scene.escalations(id)).toEqual([acknowledgementJob(id, 2)]);
  }, 30_000);

  it('runs a due reminder once Redis is back, with a worker that started while it was down', async ({ onTestFailed }) => {
    onTestFailed(showWorkerLogs);
    const { id, reference } = await scene.routedRequest();
    const job = await scene.queueAcknowledgementReminder(id, 500);

    await redis.kill();
    const worker = startWorker();
    await worker.running();
    // Past the reminder's time, with the worker retrying a Redis that does not answer.
    await sleep(1500);
    expect(connector.captured).toEqual([]);
    await redis.start();
    await eventually(completed([job]), 'the reminder has run', 20_000);

    expectOneReminderEach([reference]);
    await eventually(escalationsQueued([id]), 'the reminder has queued its escalation');
    expect(await scene.escalations(id)).toEqual([acknowledgementJob(id, 2)]);
  }, 30_000);
});
