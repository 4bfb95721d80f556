import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { BotHarness, SUPERVISOR, WORKER, actionTitles, cardOf, fixedClock, texts, type Card } from '../support/bot-harness.js';
import { fiPattern, fiText } from '../support/catalog-text.js';
import { eventually } from '../support/effect-worker-process.js';
import { acknowledgeAndName, sendAndApprove } from '../support/flows.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, directory } from '../support/people.js';

const email = (id: string) => directory.person(id)!.email!;
const CHOOSE = fiText('meeting.choose');
const when = (date: string) => fiText('meeting.when', { date, from: '12.00', to: '12.45' });

/** Issue #13 end to end: a booking Graph refuses must not leave the chair's card saying "Varataan" with no button. */
describe('a booking the calendar refuses', () => {
  let sandbox: GraphSandbox;
  let harness: BotHarness;
  const cardsTo = (user: { aadObjectId: string }): Card[] =>
    harness.sentTo(harness.conversationId(user as never)).filter((s) => s.method === 'POST').flatMap((s) => cardOf(s.activity) ?? []);

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

  it('goes back to the chair with the reason and fresh times to choose from, holding no part', async () => {
    const requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await acknowledgeAndName(harness, requestId, '2026-11-26');
    sandbox.faults.inject({ kind: 'status', status: 403 }, 1, /\/events$/);
    const answer = await harness.click(WORKER, Verb.chooseSlot, { requestId, index: 0 });
    expect(typeof answer !== 'string' && texts(answer)).toContain(fiText('meeting.chosen', { when: when('9.12.2026') }));

    const returned = fiPattern('meeting.returned', { when: when('9.12.2026') });
    const told = () => [...cardsTo(WORKER).flatMap(texts), ...harness.notesTo(WORKER)].some((line) => returned.test(line));
    await eventually(async () => told(), 'the chair is told the booking went back');
    await eventually(async () => actionTitles(harness.currentCard(WORKER)).includes(CHOOSE), 'the chair has times to choose from');
    await harness.bot.settled();
    const latest = harness.currentCard(WORKER);
    expect(texts(latest)).not.toContain(fiText('meeting.chosen', { when: when('9.12.2026') }));
    expect(actionTitles(latest)).toContain(CHOOSE);
    expect(await harness.bot.redis.hgetall(`${harness.prefix}{slots}:unit:perhesosiaalityo:yhteistyoaika:2026-12-09`)).toEqual({});
    expect(sandbox.calendars.eventsOf(email(WORKER.aadObjectId))).toEqual([]);

    // The chair chooses again from the fresh times and the meeting is booked.
    await harness.click(WORKER, Verb.chooseSlot, { requestId, index: 0 });
    expect(sandbox.calendars.eventsOf(email(WORKER.aadObjectId))).toHaveLength(1);
    expect(texts(harness.currentCard(HEALTH_MEMBER)).some((line) => fiPattern('meeting.booked').test(line))).toBe(true);
  });
});
