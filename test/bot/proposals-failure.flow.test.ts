import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { BotHarness, SUPERVISOR, WORKER, actionTitles, cardOf, fixedClock, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { fiText } from '../support/catalog-text.js';
import { acknowledgeAndName, sendAndApprove } from '../support/flows.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER } from '../support/people.js';

const FETCH = fiText('meeting.askTimes');
const CHOOSE = fiText('meeting.choose');

describe('first proposals that never came', () => {
  let sandbox: GraphSandbox;
  let harness: BotHarness;
  let requestId = '';
  const lastCardTo = (user: TestUser): Card => harness.currentCard(user);

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'), { ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' });
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER]) await harness.say(user, 'hei');
    requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    // Free/busy is refused while the last worker is named: the proposals job fails for good.
    sandbox.faults.inject({ kind: 'status', status: 403 }, 1000, /getSchedule$/);
    await acknowledgeAndName(harness, requestId, '2026-11-26');
    sandbox.faults.clear();
  });
  afterAll(async () => {
    await harness.stop();
    await sandbox.stop();
  });

  it('tells the chair the times could not be read, on a card with a button to fetch them', () => {
    const card = lastCardTo(WORKER);
    // On the card, or in the line beside it when the card was already in the chat.
    expect([...texts(card), ...harness.notesTo(WORKER)]).toContain(fiText('meeting.proposalsFailed', { reference: texts(card)[0]!.match(/YT-\d{4}-\d{4}/)![0] }));
    expect(texts(card)).toContain(fiText('meeting.awaitingProposals'));
    expect(actionTitles(card)).toContain(FETCH);
  });

  it('redraws a named worker\'s card with the same line and without the button, which only the chair may use', async () => {
    const card = cardOf(harness.sentTo(harness.conversationId(HEALTH_MEMBER)).at(-1)!.activity)!;
    expect(texts(card)).toContain(fiText('meeting.awaitingProposals'));
    expect(actionTitles(card)).not.toContain(FETCH);
    expect(await harness.click(HEALTH_MEMBER, Verb.newTimes, { requestId })).toBe(fiText('errors.request.not_permitted'));
  });

  it('proposes times once the chair fetches them', async () => {
    await harness.click(WORKER, Verb.newTimes, { requestId });
    const card = lastCardTo(WORKER);
    expect(actionTitles(card).filter((title) => title === CHOOSE).length).toBeGreaterThan(0);
    expect(actionTitles(card)).not.toContain(FETCH);
  });
});
