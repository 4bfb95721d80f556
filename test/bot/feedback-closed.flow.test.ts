import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { MovableClock } from '../../src/jobs/movable-clock.js';
import { BotHarness, SUPERVISOR, WORKER, actionTitles, cardOf, submission, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { acknowledgeAndName, clickConfirmed, handledFacts, sendAndApprove } from '../support/flows.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER } from '../support/people.js';
import { fiText } from '../support/catalog-text.js';

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;
const REFERENCE = 'YT-2026-0001';

describe('feedback forms once the request is withdrawn after a meeting', () => {
  let sandbox: GraphSandbox;
  let harness: BotHarness;
  let requestId = '';
  const clock = new MovableClock(() => new Date('2026-11-24T10:00:00Z'));
  const sent = (user: TestUser) => harness.connector.captured.filter((c) => c.conversationId === harness.conversationId(user));
  const title = fiText('feedback.title', { reference: REFERENCE });
  const forms = (user: TestUser) => sent(user).filter((c) => c.method === 'POST' && texts(cardOf(c.activity) ?? { body: [] })[0] === title);
  /** The form as the person's chat shows it now: its last update in place, else as posted. */
  const shown = (user: TestUser, postedId: string | undefined): Card =>
    cardOf(sent(user).filter((c) => (c.method === 'PUT' && c.activityId === postedId) || c.postedId === postedId).at(-1)!.activity)!;
  const move = async (ms: number) => {
    await harness.bot.moveClock!(ms);
    await harness.bot.settled();
  };

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    harness = new BotHarness(clock, { ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' });
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER]) await harness.say(user, 'hei');
    requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await acknowledgeAndName(harness, requestId, '2026-11-26');
    await harness.click(WORKER, Verb.chooseSlot, { requestId, index: 0 });
    await move(15 * DAY);
    const record = sent(WORKER).flatMap((c) => cardOf(c.activity) ?? []).filter((c) => texts(c)[0] === fiText('meetingDay.title', { reference: REFERENCE })).at(-1)!;
    await harness.click(WORKER, Verb.recordMeeting, submission(record, Verb.recordMeeting, handledFacts([WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER], HEALTH_MEMBER)));
    await move(4 * HOUR);
  });
  afterAll(async () => {
    await harness.stop();
    await sandbox.stop();
  });

  it('keeps the forms open while the team is re-convened, and says feedback is over on each once the request is withdrawn', async () => {
    for (const user of [WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER]) {
      expect(forms(user), user.name).toHaveLength(1);
      expect(actionTitles(shown(user, forms(user)[0]!.postedId))).toEqual([fiText('feedback.submit')]);
    }
    await harness.click(HEALTH_MEMBER, Verb.reconvene, { requestId });
    await harness.bot.settled();
    // A new round of proposals is no reason to touch what someone may be typing.
    for (const user of [WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER]) expect(actionTitles(shown(user, forms(user)[0]!.postedId))).toEqual([fiText('feedback.submit')]);

    const withdrawn = await clickConfirmed(harness, WORKER, Verb.withdraw, { requestId });
    expect(typeof withdrawn === 'string' ? withdrawn : texts(withdrawn)).toContain(`${fiText('case.status')}: ${fiText('status.withdrawn')}`);
    await harness.bot.settled();
    for (const user of [WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER]) {
      const form = shown(user, forms(user)[0]!.postedId);
      expect(texts(form), user.name).toEqual([title, fiText('feedback.ended.withdrawn')]);
      expect(actionTitles(form)).toEqual([]);
    }
  });
});
