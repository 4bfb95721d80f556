import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { BotHarness, SUPERVISOR, WORKER, actionVerbs, cardOf, fixedClock, texts, type Card } from '../support/bot-harness.js';
import { fiText } from '../support/catalog-text.js';
import { acknowledgeAndName, sendAndApprove } from '../support/flows.js';
import { storedRequest } from '../faults/support/fault-runs.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_COLLEAGUE, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER } from '../support/people.js';

/** Issue #15: a receiving lead replaces the unit's named worker from the case card, confirming first. */
describe('replacing a named worker from the case card', () => {
  let harness: BotHarness;
  let requestId = '';
  let reference = '';
  const replace = (data: Record<string, unknown>) => harness.execute(PSYCHIATRY_LEAD, Verb.replaceWorker, { requestId, unitId: 'lastenpsykiatria', ...data });
  const postedTo = (user: typeof WORKER) => harness.sentTo(harness.conversationId(user)).filter((s) => s.method === 'POST').flatMap((s) => cardOf(s.activity) ?? []);

  beforeAll(async () => {
    harness = await new BotHarness(fixedClock('2026-11-24T10:00:00Z')).start();
    for (const user of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, PSYCHIATRY_COLLEAGUE, HEALTH_LEAD, HEALTH_MEMBER]) await harness.say(user, 'hei');
    requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await acknowledgeAndName(harness, requestId, '2026-11-26');
    reference = (await storedRequest(harness.bot.redis, harness.prefix, requestId)).reference!;
  });
  afterAll(() => harness.stop());

  it('asks for the new worker and the reason under their fields, then says what the change does before doing it', async () => {
    const neither = await replace({});
    expect(texts(neither)).toEqual(expect.arrayContaining([fiText('validation.workerRequired'), fiText('validation.replaceReasonRequired')]));
    const asked: Card = await replace({ replacementWorkerId: PSYCHIATRY_COLLEAGUE.aadObjectId, replaceReason: 'left_unit' });
    expect(texts(asked)).toContain(fiText('confirm.replaceWorker', { name: PSYCHIATRY_COLLEAGUE.name, previous: PSYCHIATRY_MEMBER.name }));
    expect(actionVerbs(asked)).toEqual([Verb.replaceWorker, Verb.viewRequest]);
    // Asking changed nothing.
    expect((await storedRequest(harness.bot.redis, harness.prefix, requestId)).units[0]?.namedWorkerId).toBe(PSYCHIATRY_MEMBER.aadObjectId);
  });

  it('replaces once confirmed: the new worker gets the case, the old one’s card stops showing it, the chair hears who', async () => {
    const before = (await storedRequest(harness.bot.redis, harness.prefix, requestId)).version;
    const done = await replace({ replacementWorkerId: PSYCHIATRY_COLLEAGUE.aadObjectId, replaceReason: 'left_unit', confirmed: true, version: before });
    expect(texts(done)).toContain(fiText('case.workerReplacedResult', { name: PSYCHIATRY_COLLEAGUE.name }));
    expect((await storedRequest(harness.bot.redis, harness.prefix, requestId)).units[0]?.namedWorkerId).toBe(PSYCHIATRY_COLLEAGUE.aadObjectId);

    expect(postedTo(PSYCHIATRY_COLLEAGUE).map((c) => texts(c)[0])).toContain(fiText('case.namedTitle', { reference }));
    const released = fiText('case.workerReleased', { reference, unit: 'Lastenpsykiatria' });
    // The card the old worker had becomes the notice, in place: told once, and it shows the case no more.
    expect(postedTo(PSYCHIATRY_MEMBER).flatMap(texts)).not.toContain(released);
    const oldCard = harness.currentCard(PSYCHIATRY_MEMBER);
    expect(texts(oldCard)).toContain(released);
    expect(actionVerbs(oldCard)).not.toContain(Verb.showDescription);
    expect(JSON.stringify(oldCard)).not.toContain(COMPLETE_FORM_EDITS.wantedServices);
    const opened = await harness.click(PSYCHIATRY_MEMBER, Verb.showDescription, { requestId });
    expect(JSON.stringify(opened)).not.toContain(COMPLETE_FORM_EDITS.wantedServices);
    // The chair's card names the new worker and the change (updated in place with a note in Teams;
    // this harness's clicks name no card, so it is posted afresh here).
    const line = fiText('case.workerReplacedLine', { from: PSYCHIATRY_MEMBER.name, to: PSYCHIATRY_COLLEAGUE.name, reason: fiText('case.replaceReasons.left_unit') });
    expect(texts(harness.currentCard(WORKER)).some((t) => t.includes(line))).toBe(true);
  });

  it('refuses a stale confirmation, and a second replacement by the same confirmation', async () => {
    const again = await replace({ replacementWorkerId: PSYCHIATRY_MEMBER.aadObjectId, replaceReason: 'better_fit', confirmed: true, version: 1 });
    expect((await storedRequest(harness.bot.redis, harness.prefix, requestId)).units[0]?.namedWorkerId).toBe(PSYCHIATRY_COLLEAGUE.aadObjectId);
    expect(texts(again).join(' ')).not.toContain(fiText('case.workerReplacedResult', { name: PSYCHIATRY_MEMBER.name }));
  });
});
