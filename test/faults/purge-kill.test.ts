import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { loadConfig } from '../../src/config/env.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { SUPERVISOR, WORKER } from '../support/bot-harness.js';
import { eventually } from '../support/effect-worker-process.js';
import { clickConfirmed, sendAndApprove } from '../support/flows.js';
import { auditChain } from '../support/audit-chain.js';
import { HEALTH_DEPUTY, HEALTH_LEAD } from '../support/people.js';
import { EMPTY_DESCRIPTION } from '../support/routing-fakes.js';
import { WorkerScene } from '../support/worker-scene.js';

describe('an effect worker killed in the purge of a description', () => {
  let scene: WorkerScene;

  beforeAll(async () => {
    scene = await WorkerScene.start();
  }, 30_000);
  afterAll(async () => {
    await scene?.close();
  });

  it('purges once across a kill after the write, and changes nothing else', async ({ onTestFailed }) => {
    onTestFailed(() => console.error(scene.logs()));
    const { harness } = scene;
    const { prefix } = harness;
    const { redis } = harness.bot;
    const requests = new RedisRequestRepository(redis, prefix, new DescriptionCipher(loadConfig({ NODE_ENV: 'test' }).encryptionKeys), auditChain(prefix));
    const setup = scene.startWorker();
    await setup.running();
    for (const user of [WORKER, SUPERVISOR, HEALTH_LEAD, HEALTH_DEPUTY]) await harness.say(user, 'hei');
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    await clickConfirmed(harness, WORKER, Verb.withdraw, { requestId });
    await setup.stop();

    const before = await scene.request(requestId);
    expect(before.status).toBe('withdrawn');
    expect((await requests.get(requestId))?.description.texts.wantedServices).not.toBe('');
    const auditBefore = await scene.auditActions(requestId);
    const captured = harness.connector.captured.length;
    const purge = await scene.jobs.getJob(`purge-${requestId}`);
    expect(await purge?.getState()).toBe('delayed');
    await purge!.promote();

    // Before the write there is nothing to kill into: a purge takes no lock (a decision is one
    // version-checked write), only reads the request, and a kill before its write leaves the job to
    // run again as if it had never started, which the fault table's worker kills cover.

    // After the write: the card updates that follow the purge hang, and the worker dies waiting.
    harness.connector.holdWhen((post) => post.method === 'PUT');
    const first = scene.startWorker();
    await eventually(() => harness.connector.held.length > 0, 'the first worker has purged and is updating the cards', 20_000);
    await first.kill();
    expect((await scene.request(requestId)).purgedAt).toBeDefined();

    harness.connector.holdWhen(() => false);
    const last = scene.startWorker();
    await eventually(async () => (await purge!.getState()) === 'completed', 'the next worker completes the purge', 20_000);
    await last.stop();

    const after = await scene.request(requestId);
    expect(after).toEqual({ ...before, version: before.version + 1, updatedAt: after.purgedAt, purgedAt: after.purgedAt });
    expect((await requests.get(requestId))?.description).toEqual(EMPTY_DESCRIPTION);
    expect(await scene.auditActions(requestId)).toEqual([...auditBefore, 'request.purged']);
    const duringPurge = harness.connector.captured.slice(captured);
    expect(duringPurge.filter((c) => c.method === 'POST')).toEqual([]);
    expect(duringPurge.filter((c) => c.method === 'PUT').length).toBeGreaterThan(0);
    expect((await scene.jobs.getJob(`purge-${requestId}`))?.stalledCounter).toBe(1);
  }, 120_000);
});
