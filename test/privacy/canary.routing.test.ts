import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, OTHER_WORKER, SUPERVISOR, TENANT, WORKER, fixedClock, submission, type TestUser } from '../support/bot-harness.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, SENDING_DEPUTY } from '../support/people.js';

const CANARY = 'KanariaReititysQx9';
const CHANNEL = '19:psy-canary@thread.tacv2';

/** Who may receive a description once it is routed, by conversation: nobody else may see the canary. */
describe('a canary in a routed description', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));
  const everyone: TestUser[] = [WORKER, SUPERVISOR, SENDING_DEPUTY, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER, OTHER_WORKER];
  const channel = {
    conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel', tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: '19:t@thread.tacv2' }, channel: { id: CHANNEL } },
  };

  beforeAll(async () => {
    await harness.start();
    for (const user of everyone) await harness.say(user, 'hei');
    await harness.post(harness.activity(PSYCHIATRY_LEAD, { type: 'message', text: 'yhdistä yksikkö', ...channel }));
    const form = await harness.newForm(WORKER);
    const requestId = String(submission(form, Verb.submitRequest).requestId);
    await harness.execute(
      WORKER,
      Verb.submitRequest,
      submission(form, Verb.submitRequest, { ...COMPLETE_FORM_EDITS, collaborationUnitIds: 'lastenpsykiatria,terveysasemat', whatWorked: `Toimi ${CANARY}.` }),
    );
    await harness.click(SUPERVISOR, Verb.approve, { requestId });
    await harness.click(PSYCHIATRY_LEAD, Verb.acknowledge, { requestId, unitId: 'lastenpsykiatria', processingDate: '2026-12-01' }, channel);
    await harness.click(PSYCHIATRY_LEAD, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: PSYCHIATRY_MEMBER.aadObjectId }, channel);
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('reaches exactly the people the rules allow', () => {
    const reached = new Set(harness.connector.captured.filter((c) => JSON.stringify(c.activity).includes(CANARY)).map((c) => c.conversationId));
    const allowed = [SUPERVISOR, SENDING_DEPUTY, HEALTH_LEAD, PSYCHIATRY_MEMBER].map((u) => harness.conversationId(u));
    expect([...reached].sort()).toEqual([...allowed, CHANNEL].sort());
  });

  it('never reaches an outsider, a member of a receiving unit who was not named, or the logs', () => {
    for (const user of [OTHER_WORKER]) {
      expect(harness.sentTo(harness.conversationId(user)).some((c) => JSON.stringify(c.activity).includes(CANARY))).toBe(false);
    }
    expect(harness.logLines.some((line) => line.includes(CANARY))).toBe(false);
  });

  it('is in no Redis value in plaintext, audit included', async () => {
    const { redis } = harness.bot;
    for (const key of await redis.keys(`${harness.prefix}*`)) {
      const type = await redis.type(key);
      const dump =
        type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : type === 'stream' ? JSON.stringify(await redis.xrange(key, '-', '+')) : type === 'string' ? await redis.get(key) : '';
      expect(dump ?? '', key).not.toContain(CANARY);
    }
  });
});
