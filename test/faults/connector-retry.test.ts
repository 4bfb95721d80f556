import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, WORKER, actionTitles, cardOf, fixedClock, submission, texts } from '../support/bot-harness.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { SENDING_DEPUTY } from '../support/people.js';
import { fiText } from '../support/catalog-text.js';
import { REQUESTS_PER_SEND } from '../support/bot-sdk.js';

describe('the Bot Connector refusing proactive messages for a moment', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, SENDING_DEPUTY]) await harness.say(user, 'hei');
    harness.connector.clear();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('delivers an approval card to a personal chat once after a 429 and a 502', async () => {
    const chat = harness.conversationId(SUPERVISOR);
    harness.connector.failNext(chat, [429, 502]);
    const attemptsBefore = harness.connector.attempts.length;
    const form = await harness.newForm(WORKER);
    await harness.execute(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, COMPLETE_FORM_EDITS));

    const attempts = harness.connector.attempts.slice(attemptsBefore).filter((a) => a.conversationId === chat);
    expect(attempts.map((a) => a.status).slice(0, 3)).toEqual([429, 502, 200]);
    const delivered = harness.sentTo(chat).filter((s) => s.method === 'POST');
    expect(delivered).toHaveLength(1);
    expect(texts(cardOf(delivered[0]!.activity)!)[0]).toBe(fiText('case.approvalTitle', { reference: 'YT-2026-0001' }));
    expect(harness.sentTo(harness.conversationId(SENDING_DEPUTY)).filter((s) => s.method === 'POST')).toHaveLength(1);
    // Nobody was told the supervisor could not be reached: in the end they were.
    expect(harness.sentTo(harness.conversationId(WORKER)).filter((s) => s.method === 'POST')).toEqual([]);
  });

  it("updates a card Teams refused for longer than a send tries on the job's next run", async () => {
    const form = await harness.newForm(WORKER);
    const data = submission(form, Verb.submitRequest, COMPLETE_FORM_EDITS);
    await harness.execute(WORKER, Verb.submitRequest, data);
    const chat = harness.conversationId(SENDING_DEPUTY);
    const posted = harness.connector.captured.filter((c) => c.conversationId === chat && c.method === 'POST').at(-1)!;
    expect(actionTitles(cardOf(posted.activity)!)).toContain(fiText('case.approve'));
    // One more than a send makes.
    harness.connector.failNext(chat, Array.from({ length: REQUESTS_PER_SEND + 1 }, () => 503));

    await harness.execute(SUPERVISOR, Verb.approve, { requestId: data.requestId });
    const updates = harness.connector.captured.filter((c) => c.method === 'PUT' && c.activityId === posted.postedId);
    expect(harness.connector.attempts.filter((a) => a.conversationId === chat && a.status === 503)).toHaveLength(REQUESTS_PER_SEND + 1);
    expect(updates.length).toBeGreaterThan(0);
    expect(actionTitles(cardOf(updates.at(-1)!.activity)!)).not.toContain(fiText('case.approve'));
  });
});
