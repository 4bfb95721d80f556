import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, WORKER, actionTitles, cardOf, fixedClock, inputValues, submission, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { fiText } from '../support/catalog-text.js';
import { acknowledgeBoth, sendAndApprove, submitComplete } from '../support/flows.js';
import { HEALTH_LEAD, PSYCHIATRY_LEAD } from '../support/people.js';

const STATUS = (status: string) => `${fiText('case.status')}: ${fiText(`status.${status}`)}`;

/** Every refused input answers in the card that was clicked, next to its field, with what was typed kept. */
describe('refused inputs are answered in the card', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));
  const card = async (reply: Promise<Card | string>): Promise<Card> => {
    const answer = await reply;
    if (typeof answer === 'string') throw new Error(`answered with a message: ${answer}`);
    return answer;
  };
  const lastCardTo = (user: TestUser): Card => cardOf(harness.sentTo(harness.conversationId(user)).filter((s) => s.method === 'POST').at(-1)!.activity)!;

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, HEALTH_LEAD, PSYCHIATRY_LEAD]) await harness.say(user, 'hei');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('refuses returning a request without a reason, and the worker then reads the reason given', async () => {
    const requestId = await submitComplete(harness);
    const approval = lastCardTo(SUPERVISOR);
    const empty = await card(harness.click(SUPERVISOR, Verb.returnToWorker, submission(approval, Verb.returnToWorker, { returnComment: '   ' })));
    expect(texts(empty)).toContain(fiText('validation.commentRequired'));
    expect(texts(empty)).toContain(STATUS('submitted'));
    const long = 'Täydennä. '.repeat(120);
    const tooLong = await card(harness.click(SUPERVISOR, Verb.returnToWorker, submission(approval, Verb.returnToWorker, { returnComment: long })));
    expect(texts(tooLong)).toContain(fiText('validation.tooLong', { length: long.length, max: 1000 }));
    expect(inputValues(tooLong).returnComment).toBe(long);
    const returned = await card(harness.click(SUPERVISOR, Verb.returnToWorker, submission(approval, Verb.returnToWorker, { returnComment: 'Täydennä saadut palvelut.' })));
    expect(texts(returned)).toContain(STATUS('returned'));
    const worker = await card(harness.click(WORKER, Verb.viewRequest, { requestId }));
    expect(texts(worker)).toContain('Täydennä saadut palvelut.');
  });

  it('refuses a past processing date next to the date, keeping it', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    const refused = await card(harness.click(HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: '2026-11-20' }));
    expect(texts(refused)).toContain(fiText('validation.datePast'));
    expect(inputValues(refused).processingDate).toBe('2026-11-20');
    const missing = await card(harness.click(HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: '' }));
    expect(texts(missing)).toContain(fiText('validation.dateRequired'));
    expect(texts(missing)).toContain(STATUS('routed'));
  });

  it('refuses naming nobody in the card', async () => {
    const requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await acknowledgeBoth(harness, requestId, '2026-12-03');
    const refused = await card(harness.click(HEALTH_LEAD, Verb.nameWorker, { requestId, unitId: 'terveysasemat', workerId: '' }));
    expect(texts(refused)).toContain(fiText('validation.workerRequired'));
    expect(texts(refused)).toContain(fiText('validation.fixBelow'));
  });

  it('refuses a proposal without a unit or a reason, keeping what was chosen and written', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    const noUnit = await card(harness.click(HEALTH_LEAD, Verb.proposeUnit, { requestId, unitId: 'terveysasemat', proposedUnitId: '', proposalReason: 'Kuuluu nuorille.' }));
    expect(texts(noUnit)).toContain(fiText('validation.unitRequired'));
    expect(inputValues(noUnit).proposalReason).toBe('Kuuluu nuorille.');
    const noReason = await card(harness.click(HEALTH_LEAD, Verb.proposeUnit, { requestId, unitId: 'terveysasemat', proposedUnitId: 'nuorisopsykiatria', proposalReason: '' }));
    expect(texts(noReason)).toContain(fiText('validation.reasonRequired'));
    expect(inputValues(noReason).proposedUnitId).toBe('nuorisopsykiatria');
    expect(actionTitles(noReason)).toContain(fiText('case.propose'));
  });

  it('shows the limit of each description field and refuses 6,000 pasted characters with a message, cutting nothing', async () => {
    const form = await harness.newForm(WORKER);
    expect(texts(form)).toContain(fiText('validation.limit', { max: 4000 }));
    expect(JSON.stringify(form)).not.toContain('"maxLength":4000');
    const pasted = 'Pitkä kuvaus. '.repeat(430).slice(0, 6000);
    const refused = await card(harness.click(WORKER, Verb.saveDraft, submission(form, Verb.saveDraft, { wantedServices: pasted })));
    expect(texts(refused)).toContain(fiText('validation.tooLong', { length: 6000, max: 4000 }));
    expect(inputValues(refused).wantedServices).toBe(pasted);
    const saved = await card(harness.click(WORKER, Verb.saveDraft, submission(refused, Verb.saveDraft, { wantedServices: 'Lyhyt.' })));
    expect(texts(saved)).toContain(fiText('validation.limitUsed', { length: 6, max: 4000 }));
  });
});
