import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { KeySpace } from '../../src/store/key-space.js';
import { SUPERVISOR, WORKER, cardOf, invokeAnswer, submission, teamsActivity, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { BotProcess } from '../support/bot-process.js';
import { EffectWorkerProcess, eventually } from '../support/effect-worker-process.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { LoopbackConnector } from '../support/loopback-connector.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER } from '../support/people.js';
import { fiPattern } from '../support/catalog-text.js';

const REQUESTS = 3;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Two bot instances and two effect workers on one Redis, as behind a load balancer: the same
 * requests are driven through both, with the same clicks arriving at both at once.
 */
describe('several instances of the bot and the worker', () => {
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  const connector = new LoopbackConnector();
  const redis = new Redis(REDIS_URL);
  const queue = new Queue('effects', { connection: { url: REDIS_URL }, prefix: `${prefix}{bull}` });
  let bots: BotProcess[] = [];
  let workers: EffectWorkerProcess[] = [];
  const requestIds: string[] = [];
  const races: { approve: (Card | string)[]; acknowledge: (Card | string)[] }[] = [];

  const send = async (bot: BotProcess, user: TestUser, fields: Record<string, unknown>) => {
    const reply = await bot.post(teamsActivity(connector.url, user, fields));
    if (reply.status !== 200) throw new Error(`the bot answered ${reply.status}`);
    return reply.body;
  };
  const click = async (bot: BotProcess, user: TestUser, verb: string, data: Record<string, unknown>) =>
    invokeAnswer(await send(bot, user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } }));
  // Nothing waiting or running, and nothing delayed but reminders for later days (a retry is delayed too).
  const drained = async () => {
    // A job's follow-ons wait in the outbox until the relay moves them into the queue.
    if ((await redis.zcard(new KeySpace(prefix).outboxOrder())) > 0) return false;
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    const delayed = await queue.getDelayed();
    return Object.values(counts).every((n) => n === 0) && delayed.every((job) => job.attemptsMade === 0 && (job.opts.delay ?? 0) > 60_000);
  };
  const postsTo = (user: TestUser) => connector.captured.filter((c) => c.method === 'POST' && c.conversationId === `a:personal-${user.aadObjectId}`);
  /** Cards sent to `user` with a line that is the catalog text `key` (any reference). */
  const cardsTo = (user: TestUser, key: string) => postsTo(user).filter((c) => texts(cardOf(c.activity) ?? { body: [] }).some((line) => fiPattern(key).test(line)));
  const audited = async (action: string) => (await redis.xrange(`${prefix}{wf}:audit`, '-', '+')).filter(([, fields]) => fields.includes(action));

  beforeAll(async () => {
    await connector.start();
    const env = {
      NODE_ENV: 'test',
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      EFFECT_WORKER: 'off',
      EFFECT_LOCK_MS: '5000',
      LOG_LEVEL: 'info',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      GRAPH_TENANT_ID: '',
      GRAPH_CLIENT_ID: '',
      GRAPH_CLIENT_SECRET: '',
    };
    workers = [EffectWorkerProcess.start(env), EffectWorkerProcess.start(env)];
    bots = await Promise.all([BotProcess.start(env), BotProcess.start(env)]);
    await Promise.all(workers.map((w) => w.running()));
    const [a, b] = bots as [BotProcess, BotProcess];
    for (const [i, user] of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER].entries()) {
      await send(i % 2 ? a : b, user, { type: 'message', text: 'hei' });
    }
    for (let i = 0; i < REQUESTS; i++) {
      const [first, second] = i % 2 ? [a, b] : [b, a];
      const form = (await click(first, WORKER, Verb.newRequest, {})) as Card;
      const requestId = String(submission(form, Verb.submitRequest).requestId);
      requestIds.push(requestId);
      await click(second, WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, { ...COMPLETE_FORM_EDITS, collaborationUnitIds: 'lastenpsykiatria,terveysasemat' }));
      // People click cards they have: the approval card comes first, then the unit's card.
      await eventually(() => cardsTo(SUPERVISOR, 'case.approvalTitle').length === i + 1, 'the approval card arrives');
      const approve = await Promise.all([a, b].map((bot) => click(bot, SUPERVISOR, Verb.approve, { requestId })));
      await eventually(() => cardsTo(HEALTH_LEAD, 'case.receivingTitle').length === i + 1, "the unit's card arrives");
      const acknowledge = await Promise.all(
        [a, b].map((bot) => click(bot, HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: '2099-01-01' })),
      );
      await click(first, HEALTH_LEAD, Verb.nameWorker, { requestId, unitId: 'terveysasemat', workerId: HEALTH_MEMBER.aadObjectId });
      races.push({ approve, acknowledge });
    }
    await eventually(drained, 'the workers have run every effect', 30_000);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...bots.map((b) => b.stop()), ...workers.map((w) => w.stop())]);
    await connector.stop();
    await queue.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('takes each of two simultaneous clicks on two instances once: the other clicker is told', () => {
    for (const { approve, acknowledge } of races) {
      for (const pair of [approve, acknowledge]) {
        // The loser is told who was first: an approval by message, an acknowledgement in its card's banner.
        const told = (answer: (typeof pair)[number]) => (typeof answer === 'string' ? [answer] : texts(answer)).some((line) => fiPattern('errors.request.already_decided').test(line));
        expect(pair.filter(told)).toHaveLength(1);
      }
    }
  });

  it('stores every transition exactly once and draws distinct references', async () => {
    for (const action of ['request.submitted', 'request.approved', 'request.acknowledged', 'request.worker_named']) {
      expect((await audited(action)).length, action).toBe(REQUESTS);
    }
    const references = await Promise.all(requestIds.map(async (id) => (JSON.parse((await redis.hget(`${prefix}{wf}:request:${id}`, 'meta'))!) as { reference: string }).reference));
    expect(new Set(references).size).toBe(REQUESTS);
  });

  it('sends every card once, whichever worker ran it', () => {
    expect(cardsTo(SUPERVISOR, 'case.approvalTitle').length, 'approval cards').toBe(REQUESTS);
    expect(cardsTo(PSYCHIATRY_LEAD, 'case.receivingTitle').length, 'routed cards').toBe(REQUESTS);
    expect(cardsTo(HEALTH_MEMBER, 'case.namedTitle').length, 'named cards').toBe(REQUESTS);
  });

  it('sends each reminder once when both workers could take it', async () => {
    const reminders = await Promise.all(requestIds.map((id) => queue.getJob(`ack-${id}-lastenpsykiatria-1`)));
    expect(reminders.every((job) => job !== undefined)).toBe(true);
    await Promise.all(reminders.map((job) => job!.promote()));
    await eventually(async () => (await drained()) && cardsTo(PSYCHIATRY_LEAD, 'reminder.acknowledge').length >= REQUESTS, 'the reminders have run', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reminded = cardsTo(PSYCHIATRY_LEAD, 'reminder.acknowledge').map((c) => /YT-\d{4}-\d{4}/.exec(texts(cardOf(c.activity)!).join(' '))![0]);
    expect(reminded.sort()).toEqual([...new Set(reminded)].sort());
    expect(reminded).toHaveLength(REQUESTS);
  });

  it('stops an instance on SIGTERM after answering, while the other keeps serving', async () => {
    const [a, b] = bots as [BotProcess, BotProcess];
    await a.stop();
    expect(a.exitCode).toBe(0);
    expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
    expect(typeof (await click(b, WORKER, Verb.myRequests, {}))).toBe('object');
  });
});
