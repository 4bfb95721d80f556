import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EffectWorkerProcess, eventually } from '../support/effect-worker-process.js';
import { LoopbackConnector } from '../support/loopback-connector.js';
import { OwnRedis } from '../support/own-redis.js';
import { ReminderScene, acknowledgementJob, conversationOf, deliveredTo, reminderText } from '../support/reminder-scene.js';

describe('an effect worker killed in the middle of a reminder round', () => {
  const tempDir = mkdtempSync(join(tmpdir(), 'yt-worker-kill-'));
  const connector = new LoopbackConnector();
  const workers: EffectWorkerProcess[] = [];
  let redis: OwnRedis;
  let scene: ReminderScene;

  const startWorker = () => {
    const worker = EffectWorkerProcess.start(scene.workerEnv);
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    redis = await OwnRedis.start();
    scene = new ReminderScene(redis.url, tempDir);
    await connector.start();
    await scene.connectSupervisors(connector);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await scene?.close();
    await connector.stop();
    await redis?.remove();
    rmSync(tempDir, { recursive: true, force: true });
  });

  it('reminds every supervisor exactly once across two kills, completes the job and queues one escalation', async ({ onTestFailed }) => {
    onTestFailed(() => console.error(workers.map((w, i) => `--- worker ${i + 1}\n${w.output.join('\n')}`).join('\n')));
    const [first, second, third] = scene.supervisors as [string, string, string];
    const { id, reference } = await scene.routedRequest();
    // Teams hangs on the first message to the second and to the third supervisor; each time a worker waits there, it is killed.
    const hung = new Set([conversationOf(second), conversationOf(third)]);
    connector.holdWhen((post, nth) => nth === 1 && hung.has(post.conversationId));
    const job = await scene.queueAcknowledgementReminder(id);

    const killedWaitingOnSecond = startWorker();
    await eventually(() => connector.held.length === 1, 'the first worker waits on the second supervisor');
    await killedWaitingOnSecond.kill();
    expect(deliveredTo(connector, first)).toHaveLength(1);
    expect(deliveredTo(connector, second)).toHaveLength(0);

    const killedWaitingOnThird = startWorker();
    await eventually(() => connector.held.length === 2, 'the second worker takes the stalled job up and waits on the third supervisor', 20_000);
    await killedWaitingOnThird.kill();

    const last = startWorker();
    await eventually(async () => (await scene.stateOf(job)) === 'completed', 'the third worker completes the job', 20_000);
    await last.stop();

    for (const person of scene.supervisors) {
      expect(deliveredTo(connector, person), person).toEqual([expect.arrayContaining([reminderText(reference)])]);
    }
    expect(connector.held.map((post) => post.conversationId)).toEqual([conversationOf(second), conversationOf(third)]);
    expect(await scene.escalations(id)).toEqual([acknowledgementJob(id, 2)]);
    expect((await scene.jobs.getJob(job))?.stalledCounter).toBe(2);
  }, 60_000);
});
