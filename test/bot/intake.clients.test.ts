import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, WORKER, cardOf, fixedClock, inputValues, submission, texts } from '../support/bot-harness.js';
import { catalogText, fiPattern, fiText } from '../support/catalog-text.js';

describe('clients other than the Teams desktop', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('handles an Action.Submit like the Universal Action and updates the clicked card in place', async () => {
    const form = await harness.newForm(WORKER);
    harness.connector.clear();
    const value = { ...submission(form, Verb.saveDraft, { wantedServices: 'Lähetetty vanhalla asiakkaalla.' }), verb: Verb.saveDraft };
    const reply = await harness.post(harness.activity(WORKER, { type: 'message', value, replyToId: 'card-activity-7' }));
    expect(reply.status).toBe(200);
    const [update] = harness.connector.captured;
    expect(update).toMatchObject({ method: 'PUT', activityId: 'card-activity-7' });
    const card = cardOf(update!.activity)!;
    expect(texts(card)).toContainEqual(expect.stringMatching(fiPattern('form.saved')));
    expect(inputValues(card).wantedServices).toBe('Lähetetty vanhalla asiakkaalla.');
  });

  it("ignores the Agents Playground's fixed en-US locale in local mode and speaks Finnish", async () => {
    harness.connector.clear();
    await harness.post(harness.activity(WORKER, { type: 'message', text: 'hello' }, 'en-US'), { 'x-ms-agents-playground': 'true' });
    expect(texts(cardOf(harness.connector.captured.at(-1)!.activity)!)[0]).toBe(fiText('welcome.title', { name: WORKER.name }));
  });

  it('still follows an en-US locale from Teams itself', async () => {
    const card = await harness.say(WORKER, 'hello', 'en-US');
    expect(texts(card)[0]).toBe(catalogText('welcome.title', { name: WORKER.name }, 'en'));
  });

  it('refuses an oversized body with 413 before parsing it', async () => {
    const huge = harness.activity(WORKER, { type: 'message', text: 'x'.repeat(300_000) });
    expect((await harness.post(huge)).status).toBe(413);
  });
});
