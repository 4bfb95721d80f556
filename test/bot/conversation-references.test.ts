import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness, SUPERVISOR, WORKER, cardOf, fixedClock } from '../support/bot-harness.js';
import { sendAndApprove } from '../support/flows.js';
import { HEALTH_LEAD } from '../support/people.js';

describe('where the bot reaches people later', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));
  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, HEALTH_LEAD]) await harness.say(user, 'hei');
  });
  afterAll(() => harness.stop());

  it('keeps the last good address when an activity carries a malformed one, so cards still reach the person', async () => {
    // Found by the fuzz test: a stored channelId of `true` made every later card to the person fail to serialize.
    const reply = await harness.post(harness.activity(HEALTH_LEAD, { type: 'message', text: 'hei', channelId: true }));
    expect(reply.status).toBeLessThan(500);
    harness.connector.clear();
    await sendAndApprove(harness, 'terveysasemat');
    const toLead = harness.sentTo(harness.conversationId(HEALTH_LEAD)).filter((s) => s.method === 'POST' && cardOf(s.activity));
    expect(toLead.length).toBeGreaterThan(0);
  });
});
