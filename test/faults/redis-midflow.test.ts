import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { translator } from '../../src/i18n/translator.js';
import { BotHarness, SUPERVISOR, WORKER, cardOf, fixedClock, texts, type TestUser } from '../support/bot-harness.js';
import { eventually } from '../support/effect-worker-process.js';
import { acknowledgeAndName, sendAndApprove } from '../support/flows.js';
import { OwnRedis } from '../support/own-redis.js';
import { HEALTH_DEPUTY, HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, SENDING_DEPUTY, directory } from '../support/people.js';
import { fiText } from '../support/catalog-text.js';

describe('Redis killed between the approval and the acknowledgements', () => {
  let redis: OwnRedis;
  let harness: BotHarness;
  const everyone: TestUser[] = [WORKER, SUPERVISOR, SENDING_DEPUTY, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_DEPUTY, HEALTH_MEMBER];

  beforeAll(async () => {
    redis = await OwnRedis.start();
    harness = await new BotHarness(fixedClock('2026-11-24T10:00:00Z'), { REDIS_URL: redis.url }).start();
    for (const user of everyone) await harness.say(user, 'hei');
    harness.connector.clear();
  }, 30_000);
  let redisDown = false;
  afterAll(async () => {
    // A test that failed during the outage: the harness stops cleanly only with its Redis back.
    if (redisDown) await redis.start();
    await harness?.stop();
    await redis?.remove();
  });

  const send = (user: TestUser, fields: Record<string, unknown>) =>
    fetch(`${harness.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(harness.activity(user, fields)) });

  it('asks to try again during the outage, loses nothing, and completes the flow after the restart with every card sent once', async () => {
    const requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    const acknowledge = { requestId, unitId: 'terveysasemat', processingDate: '2026-11-26' };

    await redis.kill();
    redisDown = true;
    const click = await send(HEALTH_LEAD, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: Verb.acknowledge, data: acknowledge } } });
    expect(click.status).toBe(200);
    expect(await click.json()).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: translator('fi')('errors.unexpected') });
    const before = harness.connector.captured.length;
    expect((await send(WORKER, { type: 'message', text: 'hei' })).status).toBe(200);
    expect(texts(cardOf(harness.connector.captured[before]?.activity)!)[0]).toBe(fiText('welcome.title', { name: WORKER.name }));
    harness.connector.captured.splice(before);

    await redis.start();
    redisDown = false;
    await eventually(async () => harness.bot.redis.status === 'ready' && (await harness.bot.settled(200).then(() => true, () => false)), 'the bot and its queue are connected to the restarted Redis');
    const stored = JSON.parse((await harness.bot.redis.hget(`${harness.prefix}{wf}:request:${requestId}`, 'meta'))!) as { status: string; units: { status: string }[] };
    expect(stored.status).toBe('routed');
    expect(stored.units.map((u) => u.status)).toEqual(['awaiting_acknowledgement', 'awaiting_acknowledgement']);

    await acknowledgeAndName(harness, requestId, '2026-11-26');
    await harness.bot.settled();

    const after = JSON.parse((await harness.bot.redis.hget(`${harness.prefix}{wf}:request:${requestId}`, 'meta'))!) as { units: { unitId: string; status: string; namedWorkerId?: string }[] };
    expect(after.units.map((u) => [u.unitId, u.status, u.namedWorkerId])).toEqual([
      ['lastenpsykiatria', 'worker_named', PSYCHIATRY_MEMBER.aadObjectId],
      ['terveysasemat', 'worker_named', HEALTH_MEMBER.aadObjectId],
    ]);
    const audit = (await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+')).map(([, fields]) => fields.join(' ')).filter((line) => line.includes(requestId));
    for (const action of ['request.submitted', 'request.approved', 'request.acknowledged', 'request.worker_named']) {
      expect(audit.filter((line) => line.includes(` ${action} `)), action).toHaveLength(action === 'request.submitted' || action === 'request.approved' ? 1 : 2);
    }

    // Every card went out once, the one the outage refused included.
    const titles = (user: TestUser) =>
      harness.connector.captured.filter((c) => c.method === 'POST' && c.conversationId === harness.conversationId(user)).map((c) => texts(cardOf(c.activity)!)[0]);
    const reference = 'YT-2026-0001';
    const unitName = (unitId: string) => directory.unitName(unitId, 'fi')!;
    const routedTo = (unitId: string) => [fiText('case.receivingTitle', { reference, unit: unitName(unitId) })];
    const named = [fiText('case.namedTitle', { reference })];
    const approval = fiText('case.approvalTitle', { reference });
    expect(Object.fromEntries(everyone.map((user) => [user.name, titles(user)]))).toEqual({
      [WORKER.name]: [],
      [SUPERVISOR.name]: [
        approval,
        ...['lastenpsykiatria', 'terveysasemat'].map((unitId) => fiText('case.fallbackNotice', { unit: unitName(unitId), reference })),
      ],
      [SENDING_DEPUTY.name]: [approval],
      [PSYCHIATRY_LEAD.name]: routedTo('lastenpsykiatria'),
      [PSYCHIATRY_MEMBER.name]: named,
      [HEALTH_LEAD.name]: routedTo('terveysasemat'),
      [HEALTH_DEPUTY.name]: routedTo('terveysasemat'),
      [HEALTH_MEMBER.name]: named,
    });
    expect(await harness.bot.redis.keys(`${harness.prefix}{bull}:effects:failed`)).toEqual([]);
  }, 60_000);
});
