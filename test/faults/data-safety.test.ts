import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { SUPERVISOR, WORKER, cardOf, submission, texts, type Card } from '../support/bot-harness.js';
import { eventually } from '../support/effect-worker-process.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { SENDING_DEPUTY } from '../support/people.js';
import { WorkerScene } from '../support/worker-scene.js';
import { fiText } from '../support/catalog-text.js';

/** What the README tells an operator to configure. */
const DOCUMENTED_REDIS = { appendfsync: 'everysec', 'maxmemory-policy': 'noeviction', maxmemory: '256mb' };

describe('a Redis set up as documented, killed after a request was sent', () => {
  let scene: WorkerScene;

  beforeAll(async () => {
    scene = await WorkerScene.start({}, DOCUMENTED_REDIS);
  }, 30_000);
  afterAll(async () => {
    await scene?.close();
  });

  it('keeps the sent request, its reference number and its queued job, which then runs once', async ({ onTestFailed }) => {
    onTestFailed(() => console.error(scene.logs()));
    const { harness, redis } = scene;
    const { prefix } = harness;
    const client = harness.bot.redis;
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    for (const user of [WORKER, SUPERVISOR, SENDING_DEPUTY]) await harness.say(user, 'hei');
    harness.connector.clear();

    // No worker runs yet: the approval request stays queued, as it would behind a slow worker.
    const form = await harness.newForm(WORKER);
    const requestId = String(submission(form, Verb.submitRequest).requestId);
    const sent = (await scene.clickNow(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, COMPLETE_FORM_EDITS))) as Card;
    expect(texts(sent).join(' ')).toContain('YT-');
    const reference = (await scene.request(requestId)).reference!;
    const counterKey = `${prefix}{wf}:reference:${reference.slice(3, 7)}`;
    // appendfsync everysec: past a second, the AOF has what the user was told was sent.
    await sleep(1500);

    await redis.kill();
    await redis.start();
    await eventually(async () => client.status === 'ready' && (await scene.jobs.getJobCounts('waiting').then(() => true, () => false)), 'the bot and the test are connected again');

    const kept = await scene.request(requestId);
    expect(kept).toMatchObject({ status: 'submitted', reference });
    expect(await client.get(counterKey)).toBe(String(Number(reference.slice(8))));
    const [job] = await scene.jobs.getJobs(['waiting']);
    expect(job?.data).toEqual({ kind: 'approval_requested', requestId });

    const worker = scene.startWorker();
    await eventually(async () => (await job!.getState()) === 'completed', 'a worker sends the approval request', 20_000);
    await worker.stop();
    for (const lead of [SUPERVISOR, SENDING_DEPUTY]) {
      const cards = harness.sentTo(harness.conversationId(lead)).filter((s) => s.method === 'POST').map((s) => texts(cardOf(s.activity)!)[0]);
      expect(cards, lead.name).toEqual([fiText('case.approvalTitle', { reference })]);
    }

    // The counter survived too: the next request gets the next number, not the same one again.
    const next = await harness.newForm(WORKER);
    const nextSent = (await scene.clickNow(WORKER, Verb.submitRequest, submission(next, Verb.submitRequest, COMPLETE_FORM_EDITS))) as Card;
    const nextReference = `${reference.slice(0, 8)}${String(Number(reference.slice(8)) + 1).padStart(4, '0')}`;
    expect(texts(nextSent).join(' ')).toContain(nextReference);
  }, 60_000);

  it('refuses writes when memory is full instead of evicting what is stored, and asks to try again', async () => {
    const { harness } = scene;
    const client = harness.bot.redis;
    const stored = await client.keys(`${harness.prefix}{wf}:request:*`);
    const before = await Promise.all(stored.map((key) => client.hgetall(key)));
    expect(stored.length).toBeGreaterThan(0);
    // The request sent last still waits for a worker: nothing here waits for effects to settle.
    const form = (await scene.clickNow(WORKER, Verb.newRequest, {})) as Card;
    await client.config('SET', 'maxmemory', '1');
    try {
      const answer = await scene.clickNow(WORKER, Verb.saveDraft, submission(form, Verb.saveDraft, { wantedServices: 'Ei saa kadota.' }));
      expect(typeof answer).toBe('object');
      expect(texts(answer as Card)).toContain(fiText('form.storeUnavailable'));
      expect(JSON.stringify(answer)).toContain('Ei saa kadota.');
      expect(await Promise.all(stored.map((key) => client.hgetall(key)))).toEqual(before);
    } finally {
      await client.config('SET', 'maxmemory', DOCUMENTED_REDIS.maxmemory);
    }
  });
});
