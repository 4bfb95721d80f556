import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, WORKER, fixedClock, inputValues, texts, type Card } from '../support/bot-harness.js';
import { fiText } from '../support/catalog-text.js';
import { sendAndApprove } from '../support/flows.js';
import { storedRequest } from '../faults/support/fault-runs.js';
import { HEALTH_LEAD, PSYCHIATRY_LEAD } from '../support/people.js';

/** Issue #15: a receiving lead moves the unit's processing date from the case card, and the chair sees it. */
describe('moving a processing date from the case card', () => {
  let harness: BotHarness;
  let requestId = '';
  const move = (data: Record<string, unknown>) => harness.execute(PSYCHIATRY_LEAD, Verb.moveProcessingDate, { requestId, unitId: 'lastenpsykiatria', ...data });

  beforeAll(async () => {
    harness = await new BotHarness(fixedClock('2026-11-24T10:00:00Z')).start();
    for (const user of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, HEALTH_LEAD]) await harness.say(user, 'hei');
    requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await harness.click(PSYCHIATRY_LEAD, Verb.acknowledge, { requestId, unitId: 'lastenpsykiatria', processingDate: '2026-12-03' });
  });
  afterAll(() => harness.stop());

  it('asks for the new date and the reason under their fields, keeping what was chosen', async () => {
    const neither = await move({});
    expect(texts(neither)).toEqual(expect.arrayContaining([fiText('validation.dateRequired'), fiText('validation.moveReasonRequired')]));
    const noReason = await move({ newProcessingDate: '2026-12-10' });
    expect(texts(noReason)).toContain(fiText('validation.moveReasonRequired'));
    expect(texts(noReason)).not.toContain(fiText('validation.dateRequired'));
    expect(inputValues(noReason).newProcessingDate).toBe('2026-12-10');
    const same = await move({ newProcessingDate: '2026-12-03', moveReason: 'workload' });
    expect(texts(same)).toContain(fiText('errors.request.date_unchanged'));
    expect((await storedRequest(harness.bot.redis, harness.prefix, requestId)).units[0]?.processingDate).toBe('2026-12-03');
  });

  it('moves the date with the reason, says so on the card, and tells the chair on theirs', async () => {
    const chairPostsBefore = harness.sentTo(harness.conversationId(WORKER)).filter((s) => s.method === 'POST').length;
    const moved: Card = await move({ newProcessingDate: '2026-12-10', moveReason: 'team_meeting_moved' });
    expect(texts(moved)).toContain(fiText('case.dateMovedResult', { date: '10.12.2026' }));
    const line = fiText('case.dateMovedLine', { from: '3.12.2026', to: '10.12.2026', reason: fiText('case.moveReasons.team_meeting_moved'), name: PSYCHIATRY_LEAD.name });
    expect(texts(moved).some((t) => t.includes(line))).toBe(true);
    // Nothing is chosen for the lead on the next move either.
    expect(inputValues(moved).moveReason ?? '').toBe('');
    // The chair's card says it: updated in place with a one-line note, or posted afresh where this
    // harness left no copy of it to update (its clicks name no card).
    const reference = (await storedRequest(harness.bot.redis, harness.prefix, requestId)).reference!;
    const note = fiText('note.processingDateMoved', { reference, unit: 'Lastenpsykiatria', from: '3.12.2026', to: '10.12.2026', reason: fiText('case.moveReasons.team_meeting_moved') });
    expect(harness.notesTo(WORKER).includes(note) || chairPostsBefore < harness.sentTo(harness.conversationId(WORKER)).filter((s) => s.method === 'POST').length).toBe(true);
    expect(texts(harness.currentCard(WORKER)).some((t) => t.includes(line))).toBe(true);
  });
});
