import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, WORKER, actionData, actionTitles, fixedClock, inputValues, submission, texts, type Card } from '../support/bot-harness.js';
import { fiText } from '../support/catalog-text.js';
import { confirmationOn, sendAndApprove } from '../support/flows.js';
import { HEALTH_LEAD } from '../support/people.js';

const STATUS = (status: string) => `${fiText('case.status')}: ${fiText(`status.${status}`)}`;
const UNKNOWN_ACTION = fiText('errors.unknownAction');

/**
 * A step that cannot be undone asks first, in the card that was clicked, and acts only on the
 * confirmation of the request as it was shown: Peruuta brings back the case card as it is now.
 */
describe('confirming what cannot be undone', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));
  const card = async (reply: Promise<Card | string>): Promise<Card> => {
    const answer = await reply;
    if (typeof answer === 'string') throw new Error(`answered with a message: ${answer}`);
    return answer;
  };
  const status = async (requestId: string) => texts(await card(harness.click(WORKER, Verb.viewRequest, { requestId })));

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, HEALTH_LEAD]) await harness.say(user, 'hei');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('answers the first click on Peru pyyntö with what will happen, and withdraws nothing', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    const asked = await card(harness.click(WORKER, Verb.withdraw, { requestId }));
    expect(texts(asked)).toContain(fiText('confirm.withdraw', { reference: 'YT-2026-0001' }));
    expect(actionTitles(asked)).toEqual([fiText('confirm.confirm'), fiText('confirm.cancel')]);
    expect(await status(requestId)).toContain(STATUS('routed'));
  });

  it('withdraws once on the confirmation, and a second confirmation changes nothing', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    const asked = await card(harness.click(WORKER, Verb.withdraw, { requestId }));
    const confirmation = confirmationOn(asked, Verb.withdraw)!;
    expect(texts(await card(harness.click(WORKER, Verb.withdraw, confirmation)))).toContain(STATUS('withdrawn'));
    const again = await card(harness.click(WORKER, Verb.withdraw, confirmation));
    expect(texts(again)).toContain(STATUS('withdrawn'));
    expect(texts(again)).toContain(fiText('confirm.stale'));
    const audit = (await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+')).filter(([, f]) => f.includes(requestId) && f.includes('request.withdrawn'));
    expect(audit).toHaveLength(1);
  });

  it('restores the case card as it is now on Peruuta', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    const asked = await card(harness.click(WORKER, Verb.withdraw, { requestId }));
    const restored = await card(harness.click(WORKER, Verb.viewRequest, actionData(asked, Verb.viewRequest)));
    expect(texts(restored)[0]).toBe(fiText('case.statusTitle', { reference: 'YT-2026-0003' }));
    expect(texts(restored)).toContain(STATUS('routed'));
    expect(actionTitles(restored)).toContain(fiText('case.withdraw'));
  });

  it('refuses a confirmation given on a card older than the request, truthfully, and withdraws nothing', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    const asked = await card(harness.click(WORKER, Verb.withdraw, { requestId }));
    await harness.click(HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: '2026-12-01' });
    const stale = await card(harness.click(WORKER, Verb.withdraw, confirmationOn(asked, Verb.withdraw)!));
    expect(texts(stale)).toContain(fiText('confirm.stale'));
    expect(texts(stale)).toContain(STATUS('routed'));
    expect(actionTitles(stale)).toContain(fiText('case.withdraw'));
  });

  it('withdraws nothing on a crafted submit: a confirmation without its version, or a false flag', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    expect(await harness.click(WORKER, Verb.withdraw, { requestId, confirmed: true })).toBe(UNKNOWN_ACTION);
    expect(await harness.click(WORKER, Verb.withdraw, { requestId, confirmed: false, version: 1 })).toBe(UNKNOWN_ACTION);
    expect(await harness.click(WORKER, Verb.withdraw, { requestId, confirmed: 'yes', version: 1 })).toBe(UNKNOWN_ACTION);
    // A version without the flag only asks again.
    expect(texts(await card(harness.click(WORKER, Verb.withdraw, { requestId, version: 1 })))).toContain(fiText('confirm.title'));
    expect(await status(requestId)).toContain(STATUS('routed'));
  });

  it('deletes a draft only on the confirmation, keeps it on Peruuta and when it changed after asking', async () => {
    const form = await harness.newForm(WORKER);
    const save = (from: Card, wantedServices: string) => card(harness.click(WORKER, Verb.saveDraft, submission(from, Verb.saveDraft, { wantedServices })));
    const saved = await save(form, 'Poistettava luonnos.');
    const requestId = String(submission(form, Verb.saveDraft).requestId);
    const asked = await card(harness.click(WORKER, Verb.deleteDraft, { requestId }));
    expect(texts(asked)).toContain(fiText('confirm.deleteDraft'));
    const list = await card(harness.click(WORKER, Verb.myRequests, actionData(asked, Verb.myRequests)));
    expect(texts(list)).toContain(fiText('list.draftLabel'));
    // Saved again after the question: the confirmation is of a draft that is no more.
    await save(saved, 'Muutettu luonnos.');
    const stale = await card(harness.click(WORKER, Verb.deleteDraft, confirmationOn(asked, Verb.deleteDraft)!));
    expect(texts(stale)).toContain(fiText('confirm.staleDraft'));
    const reopened = await card(harness.click(WORKER, Verb.openRequest, { requestId }));
    expect(inputValues(reopened).wantedServices).toBe('Muutettu luonnos.');
    const askedAgain = await card(harness.click(WORKER, Verb.deleteDraft, { requestId }));
    const deleted = await card(harness.click(WORKER, Verb.deleteDraft, confirmationOn(askedAgain, Verb.deleteDraft)!));
    expect(texts(deleted)).toContain(fiText('list.deleted'));
    expect(await harness.bot.redis.exists(`${harness.prefix}{wf}:request:${requestId}`)).toBe(0);
  });
});
