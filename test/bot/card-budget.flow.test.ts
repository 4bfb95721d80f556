import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { CARD_BUDGET_BYTES } from '../../src/domain/card-text.js';
import { FIELD_LIMIT } from '../../src/domain/collaboration/description.js';
import { BotHarness, STRANGER, SUPERVISOR, WORKER, actionVerbs, fixedClock, inputValues, submission, texts, type Card } from '../support/bot-harness.js';
import { fiText } from '../support/catalog-text.js';
import { submitComplete } from '../support/flows.js';
import { HEALTH_LEAD } from '../support/people.js';

/** What Teams refuses a message over (PLATFORM.md); the card's budget leaves the rest for the activity around it. */
const TEAMS_MESSAGE_BYTES = 28 * 1024;
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
/** Three bytes a character in a card: a field of these fills its room at a third of its characters. */
const cjk = (n: number) => '漢'.repeat(n);
const FULL_ROOM = FIELD_LIMIT.wantedServices.bytes / 3;

/** A description that fills every field's room in CJK, through the real bot, its connector and its cards as they travel. */
describe('cards stay within Teams’ size limit through a whole flow', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));
  const card = async (reply: Promise<Card | string>): Promise<Card> => {
    const answer = await reply;
    if (typeof answer === 'string') throw new Error(`answered with a message: ${answer}`);
    return answer;
  };
  const fields = {
    wantedServices: cjk(FULL_ROOM),
    receivedServices: cjk(FULL_ROOM),
    whatWorked: cjk(FULL_ROOM),
    assessmentHighlights: cjk(FULL_ROOM),
    senderContact: cjk(FIELD_LIMIT.senderContact.bytes / 3),
  };

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, HEALTH_LEAD, STRANGER]) await harness.say(user, 'hei');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('refuses a field over its room with about how much to cut, keeping the text, and takes it once it fits', async () => {
    const form = await harness.newForm(WORKER);
    const over = cjk(FULL_ROOM + 100);
    const refused = await card(harness.click(WORKER, Verb.saveDraft, submission(form, Verb.saveDraft, { wantedServices: over })));
    expect(texts(refused)).toContain(fiText('validation.tooMuchRoom', { count: 100 }));
    expect(inputValues(refused).wantedServices).toBe(over);
    const saved = await card(harness.click(WORKER, Verb.saveDraft, submission(refused, Verb.saveDraft, { wantedServices: cjk(FULL_ROOM) })));
    expect(texts(saved)).toContain(fiText('validation.limitUsedRoom', { length: FULL_ROOM, max: 4000, percent: 100 }));
  });

  it('answers text pasted far past every limit with a message naming each field, leaving the clicked form with what was typed', async () => {
    const form = await harness.newForm(WORKER);
    const pasted = cjk(6000);
    const answer = await harness.click(WORKER, Verb.saveDraft, submission(form, Verb.saveDraft, { wantedServices: pasted, receivedServices: pasted, whatWorked: pasted, assessmentHighlights: pasted }));
    expect(typeof answer).toBe('string');
    expect(answer).toContain(fiText('errors.cardTooLarge'));
    for (const field of ['wantedServices', 'receivedServices', 'whatWorked', 'assessmentHighlights']) {
      expect(answer).toContain(`${fiText(`fieldNames.${field}`)}: ${fiText('validation.tooLong', { length: 6000, max: 4000 })}`);
    }
  });

  it('sends, approves and refuses a long proposal reason within the budget, the description one button away when it no longer fits', async () => {
    const requestId = await submitComplete(harness, { ...fields, collaborationUnitIds: 'terveysasemat' });
    expect(await harness.click(SUPERVISOR, Verb.approve, { requestId })).not.toBeTypeOf('string');
    const reason = cjk(900);
    const roomy = await card(harness.click(HEALTH_LEAD, Verb.proposeUnit, { requestId, unitId: 'terveysasemat', proposedUnitId: 'nuorisopsykiatria', proposalReason: reason }));
    expect(texts(roomy)).toContain(fiText('validation.tooMuchRoom', { count: 400 }));
    expect(inputValues(roomy).proposalReason).toBe(reason);

    const pasted = cjk(5000);
    const long = await card(harness.click(HEALTH_LEAD, Verb.proposeUnit, { requestId, unitId: 'terveysasemat', proposedUnitId: 'nuorisopsykiatria', proposalReason: pasted }));
    expect(texts(long)).toContain(fiText('validation.tooLong', { length: 5000, max: 1000 }));
    expect(inputValues(long).proposalReason).toBe(pasted);
    expect(texts(long)).toContain(fiText('case.descriptionElsewhere'));
    expect(texts(long)).not.toContain(fields.wantedServices);

    const description = await card(harness.click(HEALTH_LEAD, Verb.showDescription, { requestId, unitId: 'terveysasemat' }));
    expect(texts(description)).toEqual(expect.arrayContaining([fields.wantedServices, fields.receivedServices, fields.whatWorked, fields.assessmentHighlights]));
    expect(actionVerbs(description)).toEqual([Verb.viewRequest]);
    const refused = await harness.click(STRANGER, Verb.showDescription, { requestId, unitId: 'terveysasemat' });
    expect(refused).toBeTypeOf('string');
    expect(JSON.stringify(refused)).not.toContain('漢');
    const back = await card(harness.click(HEALTH_LEAD, Verb.viewRequest, { requestId, unitId: 'terveysasemat' }));
    expect(actionVerbs(back)).toContain(Verb.proposeUnit);

    // Past what any card can give back: a message, and the clicked card keeps what was typed.
    expect(await harness.click(HEALTH_LEAD, Verb.proposeUnit, { requestId, unitId: 'terveysasemat', proposedUnitId: 'nuorisopsykiatria', proposalReason: cjk(20_000) })).toBe(fiText('errors.cardTooLarge'));
  });

  it('posted and updated every card of the flow within the budget', () => {
    expect(harness.connector.captured.length).toBeGreaterThan(5);
    for (const { activity } of harness.connector.captured) {
      for (const attachment of (activity.attachments as unknown[] | undefined) ?? []) expect(bytes(attachment)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
      expect(bytes(activity)).toBeLessThan(TEAMS_MESSAGE_BYTES);
    }
  });
});
