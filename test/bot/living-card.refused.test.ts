import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { MovableClock } from '../../src/jobs/movable-clock.js';
import { BotHarness, SUPERVISOR, WORKER, cardOf, isNote } from '../support/bot-harness.js';
import { sendAndApprove } from '../support/flows.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER } from '../support/people.js';
import { fiText } from '../support/catalog-text.js';
import { REQUESTS_PER_SEND } from '../support/bot-sdk.js';

/** As many refusals as one send tries: a send gives up. */
const OUTLASTING_A_SEND = Array.from({ length: REQUESTS_PER_SEND }, () => 503);

describe('a living card Teams refuses to update for now', () => {
  let sandbox: GraphSandbox;
  let harness: BotHarness;
  const clock = new MovableClock(() => new Date('2026-11-24T10:00:00Z'));

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    harness = new BotHarness(clock, { ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' });
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER]) await harness.say(user, 'hei');
  });
  afterAll(async () => {
    await harness.stop();
    await sandbox.stop();
  });

  it("is updated on the job's next run, with one note and no second full card", async () => {
    const requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await harness.click(PSYCHIATRY_LEAD, Verb.acknowledge, { requestId, unitId: 'lastenpsykiatria', processingDate: '2026-11-26' });
    await harness.click(PSYCHIATRY_LEAD, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: PSYCHIATRY_MEMBER.aadObjectId });
    const chat = harness.conversationId(PSYCHIATRY_MEMBER);
    const fullPosts = () => harness.sentTo(chat).filter((s) => s.method === 'POST' && cardOf(s.activity) && !isNote(cardOf(s.activity)));
    const before = fullPosts().length;
    const notes = harness.notesTo(PSYCHIATRY_MEMBER).length;
    await harness.click(HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: '2026-11-26' });
    let refusing = true;
    harness.connector.refuseWhen((post) => {
      const proposed = post.method === 'PUT' && post.conversationId === chat && JSON.stringify(post.activity).includes(fiText('status.meeting_proposed'));
      if (!proposed || !refusing) return undefined;
      refusing = false;
      // Twice over: the redraw of every copy and the living card's own update both give up.
      return [...OUTLASTING_A_SEND, ...OUTLASTING_A_SEND];
    });
    // The last unit names its worker: times are proposed, and every named worker's card shows them.
    await harness.click(HEALTH_LEAD, Verb.nameWorker, { requestId, unitId: 'terveysasemat', workerId: HEALTH_MEMBER.aadObjectId });
    harness.connector.refuseWhen();
    expect(harness.connector.attempts.filter((a) => a.conversationId === chat && a.status === 503)).toHaveLength(2 * OUTLASTING_A_SEND.length);
    expect(fullPosts()).toHaveLength(before);
    expect(harness.notesTo(PSYCHIATRY_MEMBER).slice(notes)).toHaveLength(1);
    expect(JSON.stringify(harness.currentCard(PSYCHIATRY_MEMBER))).toContain(fiText('status.meeting_proposed'));
  });
});
