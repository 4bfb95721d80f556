import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, TENANT, WORKER, actionTitles, cardOf, fixedClock, texts, type Card } from '../support/bot-harness.js';
import { clickConfirmed, sendAndApprove } from '../support/flows.js';
import { HEALTH_DEPUTY, HEALTH_LEAD, directory } from '../support/people.js';
import { fiPattern, fiText } from '../support/catalog-text.js';

const CHANNEL = '19:terveys@thread.tacv2';
const HEALTH = directory.unitName('terveysasemat', 'fi')!;
const inChannel = {
  conversation: { id: `${CHANNEL};messageid=5`, conversationType: 'channel', tenantId: TENANT },
  channelData: { tenant: { id: TENANT }, team: { id: '19:t@thread.tacv2' }, channel: { id: CHANNEL } },
};

describe('withdrawing and unlinking', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, HEALTH_LEAD, HEALTH_DEPUTY]) await harness.say(user, 'hei');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('lets the worker withdraw a routed request once, and takes the buttons off the units’ cards', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    harness.connector.clear();
    const withdrawn = (await clickConfirmed(harness, WORKER, Verb.withdraw, { requestId })) as Card;
    expect(texts(withdrawn)).toContain(`${fiText('case.status')}: ${fiText('status.withdrawn')}`);
    const leadUpdate = harness.sentTo(harness.conversationId(HEALTH_LEAD)).filter((s) => s.method === 'PUT').at(-1);
    expect(actionTitles(cardOf(leadUpdate!.activity)!)).toEqual([]);
    const again = (await harness.click(WORKER, Verb.withdraw, { requestId })) as Card;
    expect(texts(again)).toContainEqual(expect.stringMatching(fiPattern('errors.request.already_decided', { name: WORKER.name })));
    const late = (await harness.click(HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: '2026-12-01' })) as Card;
    expect(texts(late)).toContainEqual(expect.stringMatching(fiPattern('errors.request.already_decided')));
  });

  it('refuses a withdrawal by anyone but the sending worker', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    expect(await harness.click(SUPERVISOR, Verb.withdraw, { requestId })).toBe(fiText('errors.request.not_permitted'));
  });

  it('stops posting in a channel once its lead unlinks it', async () => {
    await harness.post(harness.activity(HEALTH_LEAD, { type: 'message', text: 'link unit', ...inChannel }));
    await harness.post(harness.activity(HEALTH_LEAD, { type: 'message', text: 'irrota yksikkö', ...inChannel }));
    expect(String(harness.connector.captured.at(-1)!.activity.text)).toBe(fiText('channel.unlinked', { units: HEALTH, count: 1 }));
    harness.connector.clear();
    await sendAndApprove(harness, 'terveysasemat');
    expect(harness.sentTo(CHANNEL)).toEqual([]);
    expect(harness.sentTo(harness.conversationId(HEALTH_LEAD)).some((s) => s.method === 'POST')).toBe(true);
  });

  it('lets a supervisor pause their unit’s reminders for a holiday, and nobody else', async () => {
    const paused = texts(await harness.say(HEALTH_LEAD, 'tauota muistutukset 2026-12-21..2027-01-03')).join(' ');
    expect(paused).toBe(fiText('reminder.paused', { from: '21.12.2026', to: '3.1.2027', units: HEALTH }));
    expect(await harness.bot.redis.hgetall(`${harness.prefix}unit:terveysasemat:reminder-pause`)).toEqual({ from: '2026-12-21', to: '2027-01-03' });
    expect(texts(await harness.say(WORKER, 'tauota muistutukset 2026-12-21..2027-01-03')).join(' ')).toContain(fiText('reminder.pauseNotLead'));
  });
});
