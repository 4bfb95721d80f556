import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { BotHarness, SUPERVISOR, WORKER, actionTitles, fixedClock, inputValues, texts } from '../support/bot-harness.js';
import { fiPattern, fiText } from '../support/catalog-text.js';
import { acknowledgeAndName, sendAndApprove } from '../support/flows.js';
import { storedRequest } from '../faults/support/fault-runs.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, SENDING_DEPUTY } from '../support/people.js';

const UNIT = 'perhesosiaalityo';
const heading = (date: string) => fiText('unitCalendar.heading', { date, from: '12.00', to: '13.30' });

/** Issue #15: a supervisor sees the unit's own Yhteistyöaika and takes an occurrence out of use, with a reason. */
describe('a supervisor’s Yhteistyöajat', () => {
  let sandbox: GraphSandbox;
  let harness: BotHarness;

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'), { ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' });
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER]) await harness.say(user, 'hei');
  });
  afterAll(async () => {
    await harness.stop();
    await sandbox.stop();
  });

  it('tells a worker who leads no unit that the view is for its leads', async () => {
    expect(texts(await harness.say(WORKER, 'yhteistyöajat'))).toContain(fiText('errors.calendar.not_a_lead'));
  });

  it('shows the unit’s next eight occurrences, each part free, and the holiday that takes one', async () => {
    const card = await harness.say(SUPERVISOR, 'Yhteistyöajat');
    const shown = texts(card);
    expect(shown).toContain(fiText('unitCalendar.title', { unit: 'Perhesosiaalityö' }));
    expect(shown).toContain(fiText('unitCalendar.capacity', { count: 2 }));
    for (const date of ['25.11.2026', '9.12.2026', '23.12.2026', '6.1.2027', '20.1.2027', '3.2.2027', '17.2.2027', '3.3.2027']) expect(shown).toContain(heading(date));
    expect(shown).toContain(fiText('unitCalendar.holiday', { name: 'loppiainen' }));
    expect(shown).toContain(fiText('unitCalendar.free', { from: '12.00', to: '12.45' }));
    expect(actionTitles(card)).toContain(fiText('unitCalendar.block', { date: '9.12.2026' }));
    expect(actionTitles(card)).not.toContain(fiText('unitCalendar.block', { date: '6.1.2027' }));
  });

  it('asks for a reason in the card, keeps a reason that names someone with a word why, and blocks with a plain one', async () => {
    const empty = await harness.execute(SUPERVISOR, Verb.blockOccurrence, { unitId: UNIT, date: '2026-12-09', blockReason: '  ' });
    expect(texts(empty)).toContain(fiText('errors.block.reason_required'));
    expect(actionTitles(empty)).toContain(fiText('unitCalendar.block', { date: '9.12.2026' }));

    const naming = await harness.execute(SUPERVISOR, Verb.blockOccurrence, { unitId: UNIT, date: '2026-12-09', blockReason: 'Matti Virtanen on sairaana' });
    expect(texts(naming)).toContain(fiText('errors.block.identifiers_found'));
    expect(inputValues(naming).blockReason).toBe('Matti Virtanen on sairaana');

    const blocked = await harness.execute(SUPERVISOR, Verb.blockOccurrence, { unitId: UNIT, date: '2026-12-09', blockReason: 'Koulutuspäivä' });
    expect(texts(blocked)).toContain(fiText('unitCalendar.blockedResult', { date: '9.12.2026' }));
    expect(texts(blocked)).toContainEqual(expect.stringMatching(fiPattern('unitCalendar.blocked', { reason: 'Koulutuspäivä', name: SUPERVISOR.name, time: /.+/ })));
    expect(actionTitles(blocked)).toContain(fiText('unitCalendar.unblock', { date: '9.12.2026' }));
  });

  it('refuses a day that is no occurrence, on the card', async () => {
    const wrong = await harness.execute(SUPERVISOR, Verb.blockOccurrence, { unitId: UNIT, date: '2026-12-10', blockReason: 'Koulutuspäivä' });
    expect(texts(wrong)).toContain(fiText('errors.block.not_an_occurrence'));
  });

  it('offers no new case the blocked occurrence, shows the booked case by its reference, and takes new cases again once unblocked', async () => {
    const requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await acknowledgeAndName(harness, requestId, '2026-11-26');
    const proposed = await storedRequest(harness.bot.redis, harness.prefix, requestId);
    expect(proposed.meeting?.skipped).toContainEqual({ date: '2026-12-09', kind: 'blackout' });
    expect(proposed.meeting?.proposals[0]?.date).toBe('2026-12-23');
    await harness.click(WORKER, Verb.chooseSlot, { requestId, index: 0 });

    const calendar = await harness.say(SUPERVISOR, 'yhteistyöajat');
    const reference = (await storedRequest(harness.bot.redis, harness.prefix, requestId)).reference!;
    expect(texts(calendar)).toContain(fiText('unitCalendar.booked', { from: '12.00', to: '12.45', reference }));

    const unblocked = await harness.execute(SUPERVISOR, Verb.unblockOccurrence, { unitId: UNIT, date: '2026-12-09' });
    expect(texts(unblocked)).toContain(fiText('unitCalendar.unblockedResult', { date: '9.12.2026' }));
    expect(actionTitles(unblocked)).toContain(fiText('unitCalendar.block', { date: '9.12.2026' }));
    const again = await harness.execute(SUPERVISOR, Verb.unblockOccurrence, { unitId: UNIT, date: '2026-12-09' });
    expect(texts(again)).toContain(fiText('errors.block.not_blocked'));
  });

  it('lets no one block another unit’s occurrence', async () => {
    const refused = await harness.execute(SUPERVISOR, Verb.blockOccurrence, { unitId: 'lastensuojelu', date: '2026-12-23', blockReason: 'Koulutuspäivä' });
    expect(texts(refused)).toContain(fiText('errors.calendar.not_a_lead'));
  });

  it('records the supervisor’s absence with the substitute she names, and asks again for one who is no lead of her unit', async () => {
    const recorded = await harness.say(SUPERVISOR, `poissa 2026-12-21..2027-01-03 sijainen ${SENDING_DEPUTY.name}`);
    expect(texts(recorded)).toContain(fiText('reminder.absenceRecorded', { from: '21.12.2026', to: '3.1.2027', units: 'Perhesosiaalityö', toWhom: SENDING_DEPUTY.name }));
    const unknown = await harness.say(SUPERVISOR, 'poissa 2026-12-21..2027-01-03 sijainen Matti Meikäläinen');
    expect(texts(unknown)).toContain(fiText('errors.absence.unknown_substitute', { name: 'Matti Meikäläinen' }));
  });
});
