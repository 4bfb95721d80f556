import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, WORKER, actionTitles, actionVerbs, cardOf, fixedClock, texts } from '../support/bot-harness.js';
import { fiText } from '../support/catalog-text.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { sendAndApprove } from '../support/flows.js';
import { storedRequest } from '../faults/support/fault-runs.js';
import { HEALTH_LEAD, PSYCHIATRY_LEAD, SENDING_COLLEAGUE } from '../support/people.js';

/** Issue #15: the chair hands the case over from their card to a colleague of the sending unit, confirming first. */
describe('handing over the chair from the case card', () => {
  let harness: BotHarness;
  let requestId = '';
  let reference = '';
  const hand = (data: Record<string, unknown>) => harness.execute(WORKER, Verb.handOverChair, { requestId, ...data });
  const postedTo = (user: typeof WORKER) => harness.sentTo(harness.conversationId(user)).filter((s) => s.method === 'POST').flatMap((s) => cardOf(s.activity) ?? []);

  beforeAll(async () => {
    harness = await new BotHarness(fixedClock('2026-11-24T10:00:00Z')).start();
    for (const user of [WORKER, SUPERVISOR, SENDING_COLLEAGUE, PSYCHIATRY_LEAD, HEALTH_LEAD]) await harness.say(user, 'hei');
    requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    reference = (await storedRequest(harness.bot.redis, harness.prefix, requestId)).reference!;
  });
  afterAll(() => harness.stop());

  it('asks whom to, then says what the hand-over does before doing it', async () => {
    expect(texts(await hand({}))).toContain(fiText('validation.newChairRequired'));
    const asked = await hand({ newChairId: SENDING_COLLEAGUE.aadObjectId });
    expect(texts(asked)).toContain(fiText('confirm.handOverChair', { name: SENDING_COLLEAGUE.name, previous: WORKER.name }));
    expect(actionVerbs(asked)).toEqual([Verb.handOverChair, Verb.viewRequest]);
    expect((await storedRequest(harness.bot.redis, harness.prefix, requestId)).ownerId).toBe(WORKER.aadObjectId);
  });

  it('hands over once confirmed: the colleague gets the case with its buttons and the description, the old chair no longer sees it', async () => {
    const { version } = await storedRequest(harness.bot.redis, harness.prefix, requestId);
    const done = await hand({ newChairId: SENDING_COLLEAGUE.aadObjectId, confirmed: true, version });
    expect(texts(done).join(' ')).toContain(fiText('case.chairHandedOverResult', { name: SENDING_COLLEAGUE.name }));
    expect((await storedRequest(harness.bot.redis, harness.prefix, requestId)).ownerId).toBe(SENDING_COLLEAGUE.aadObjectId);

    const toColleague = postedTo(SENDING_COLLEAGUE);
    const caseCard = toColleague.find((c) => texts(c)[0] === fiText('case.statusTitle', { reference }));
    expect(caseCard && actionTitles(caseCard)).toContain(fiText('case.withdraw'));
    expect(toColleague.some((c) => JSON.stringify(c).includes(COMPLETE_FORM_EDITS.wantedServices))).toBe(true);
    // The withdraw button of the old chair's card answers that they may no longer.
    const refused = await harness.click(WORKER, Verb.withdraw, { requestId });
    expect(JSON.stringify(refused)).not.toContain(fiText('confirm.title'));
  });
});
