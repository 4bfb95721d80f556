import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, WORKER, cardOf, fixedClock, invokeAnswer, submission, texts, type TestUser } from '../support/bot-harness.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { HEALTH_LEAD, PSYCHIATRY_LEAD, SENDING_DEPUTY } from '../support/people.js';
import { fiPattern, fiText } from '../support/catalog-text.js';

const ALREADY_HANDLED = fiText('errors.alreadyHandled');

/**
 * Teams sends an activity again, with the same conversation and activity ids, when the bot took
 * over 15 s or answered 5xx; the copy may arrive while the first is still being handled.
 */
describe('redelivered activities', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));
  const audited = async (action: string) => (await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+')).filter(([, fields]) => fields.includes(action));
  const postsTo = (user: TestUser) => harness.sentTo(harness.conversationId(user)).filter((s) => s.method === 'POST');
  const click = (user: TestUser, verb: string, data: Record<string, unknown>) =>
    harness.activity(user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } });
  let requestId = '';

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, SENDING_DEPUTY, PSYCHIATRY_LEAD, HEALTH_LEAD]) await harness.say(user, 'hei');
    harness.connector.clear();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('sends a request once when its submit click arrives twice', async () => {
    const form = await harness.newForm(WORKER);
    requestId = String(submission(form, Verb.submitRequest).requestId);
    const submit = click(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, COMPLETE_FORM_EDITS));
    const first = invokeAnswer((await harness.post(submit)).body);
    const again = invokeAnswer((await harness.post(submit)).body);
    expect(texts(first as never).join(' ')).toContain('YT-2026-0001');
    expect(again).toBe(ALREADY_HANDLED);
    expect(await audited('request.submitted')).toHaveLength(1);
    expect(postsTo(SUPERVISOR)).toHaveLength(1);
    expect(postsTo(SENDING_DEPUTY)).toHaveLength(1);
  });

  it('approves once when the approval and its copy arrive together, and routes the request once', async () => {
    harness.connector.clear();
    const approve = click(SUPERVISOR, Verb.approve, { requestId });
    const answers = (await Promise.all([harness.post(approve), harness.post(approve)])).map((reply) => invokeAnswer(reply.body));
    expect(answers.filter((answer) => answer === ALREADY_HANDLED)).toHaveLength(1);
    expect(answers.filter((answer) => typeof answer === 'object')).toHaveLength(1);
    expect(await audited('request.approved')).toHaveLength(1);
    for (const lead of [PSYCHIATRY_LEAD, HEALTH_LEAD]) {
      expect(postsTo(lead).map((post) => texts(cardOf(post.activity)!)[0])).toEqual([expect.stringMatching(fiPattern('case.receivingTitle', { reference: 'YT-2026-0001' }))]);
    }
  });

  it('acknowledges once when a Teams client without Universal Actions sends the same submit twice', async () => {
    const acknowledge = harness.activity(PSYCHIATRY_LEAD, {
      type: 'message',
      value: { verb: Verb.acknowledge, requestId, unitId: 'lastenpsykiatria', processingDate: '2026-11-26' },
    });
    await harness.post(acknowledge);
    await harness.post(acknowledge);
    expect(await audited('request.acknowledged')).toHaveLength(1);
  });

  it('answers a chat message once even when its copy arrives while the first is handled', async () => {
    harness.connector.clear();
    const hello = harness.activity(WORKER, { type: 'message', text: 'omat pyynnöt' });
    await Promise.all([harness.post(hello), harness.post(hello)]);
    expect(postsTo(WORKER)).toHaveLength(1);
  });
});
