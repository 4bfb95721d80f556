import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, TENANT, WORKER, actionTitles, cardOf, fixedClock, submission, texts } from '../support/bot-harness.js';
import { RedisBotMemory } from '../../src/store/redis-bot-memory.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { sendAndApprove } from '../support/flows.js';
import { HEALTH_DEPUTY, HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, SENDING_DEPUTY, directory } from '../support/people.js';
import { fiPattern, fiText } from '../support/catalog-text.js';

const GENERAL = '19:team-general@thread.tacv2';
const HEALTH = directory.unitName('terveysasemat', 'fi')!;
const teamInstall = {
  type: 'conversationUpdate',
  membersAdded: [{ id: '28:yhteistyobotti' }],
  conversation: { id: GENERAL, conversationType: 'channel', isGroup: true, tenantId: TENANT },
  channelData: { tenant: { id: TENANT }, team: { id: GENERAL, name: 'Terveysasemat' }, eventType: 'teamMemberAdded' },
};

describe('delivering to Teams', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, HEALTH_LEAD, HEALTH_DEPUTY, PSYCHIATRY_LEAD]) await harness.say(user, 'hei');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('learns a team channel when installed there and posts to it once a lead links it', async () => {
    await harness.post(harness.activity(HEALTH_LEAD, teamInstall));
    const link = { type: 'message', text: 'link unit', conversation: { ...teamInstall.conversation, id: `${GENERAL};messageid=9` }, channelData: teamInstall.channelData };
    await harness.post(harness.activity(HEALTH_LEAD, link));
    harness.connector.clear();
    await sendAndApprove(harness, 'terveysasemat');
    const post = harness.sentTo(GENERAL).find((s) => s.method === 'POST');
    expect(texts(cardOf(post!.activity)!)[0]).toBe(fiText('case.receivingTitle', { reference: 'YT-2026-0001', unit: HEALTH }));
  });

  it('retries a throttled channel post and delivers it once', async () => {
    harness.connector.clear();
    harness.connector.failNext(GENERAL, [429, 429]);
    await sendAndApprove(harness, 'terveysasemat');
    expect(harness.sentTo(GENERAL).filter((s) => s.method === 'POST')).toHaveLength(1);
    expect(harness.connector.attempts.filter((a) => a.conversationId === GENERAL && a.status === 429)).toHaveLength(2);
  });

  it('waits the Retry-After a throttled channel post names before trying again', async () => {
    const earlier = harness.connector.attempts.length;
    harness.connector.failNext(GENERAL, [429], 1);
    await sendAndApprove(harness, 'terveysasemat');
    const [refused, taken] = harness.connector.attempts.slice(earlier).filter((a) => a.conversationId === GENERAL);
    expect(refused?.status).toBe(429);
    expect(taken?.status).toBe(200);
    expect(taken!.at - refused!.at).toBeGreaterThanOrEqual(1000);
  });

  it('falls back to the leads in person when the bot was removed from the team, and tells the approver', async () => {
    harness.connector.clear();
    harness.connector.failNext(GENERAL, [403]);
    await sendAndApprove(harness, 'terveysasemat');
    for (const lead of [HEALTH_LEAD, HEALTH_DEPUTY]) {
      const card = cardOf(harness.sentTo(harness.conversationId(lead)).find((s) => s.method === 'POST')!.activity)!;
      expect(actionTitles(card)).toContain(fiText('case.acknowledge'));
    }
    const toApprover = harness.sentTo(harness.conversationId(SUPERVISOR)).flatMap((s) => texts(cardOf(s.activity) ?? { body: [] }));
    expect(toApprover).toContainEqual(expect.stringMatching(fiPattern('case.fallbackNotice', { unit: HEALTH })));
  });

  it('tells the worker when no supervisor of the unit can be reached yet', async () => {
    // One key a command: on a cluster the two may be in different slots.
    for (const user of [SUPERVISOR, SENDING_DEPUTY]) await harness.bot.redis.del(`${harness.prefix}conversation:user:${user.aadObjectId}`);
    harness.connector.clear();
    const form = await harness.newForm(WORKER);
    await harness.execute(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, COMPLETE_FORM_EDITS));
    const notice = harness.sentTo(harness.conversationId(WORKER)).flatMap((s) => texts(cardOf(s.activity) ?? { body: [] }));
    expect(notice).toContainEqual(expect.stringMatching(fiPattern('case.unreachable', { people: `${SUPERVISOR.name}, ${SENDING_DEPUTY.name}`, count: 2 })));
    await harness.say(SUPERVISOR, 'hei');
  });

  it('lists the request for the named worker, who has a meeting to agree', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    await harness.click(HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: '2026-12-01' });
    await harness.click(HEALTH_LEAD, Verb.nameWorker, { requestId, unitId: 'terveysasemat', workerId: HEALTH_MEMBER.aadObjectId });
    const list = texts(await harness.say(HEALTH_MEMBER, 'omat pyynnöt'));
    expect(list).toContain(fiText('caseload.groups.named'));
    expect(list).toContain(fiText('caseload.next.agree_meeting', { holder: WORKER.name }));
    const toLead = harness.sentTo(harness.conversationId(HEALTH_LEAD)).flatMap((s) => texts(cardOf(s.activity) ?? { body: [] }));
    expect(toLead).toContainEqual(expect.stringMatching(fiPattern('case.unreachable', { people: HEALTH_MEMBER.name, count: 1 })));
  });

  it('gives exactly one acknowledgement of two simultaneous clicks', async () => {
    const requestId = await sendAndApprove(harness, 'terveysasemat');
    const click = (user: typeof HEALTH_LEAD, date: string) => harness.click(user, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: date });
    const answers = await Promise.all([click(HEALTH_LEAD, '2026-12-01'), click(HEALTH_DEPUTY, '2026-12-02')]);
    // The loser's card answers who was first, in its banner.
    const taken = fiPattern('errors.request.already_decided', { time: '24.11.2026 klo 12.00' });
    const refusals = answers.filter((a) => typeof a !== 'string' && texts(a).some((line) => taken.test(line)));
    expect(refusals).toHaveLength(1);
  });

  it('sends a card Teams took once, when remembering it for later updates fails for a moment (Redis away just after the send)', async () => {
    harness.connector.clear();
    const track = RedisBotMemory.prototype.trackCard;
    let refused = 0;
    const spy = vi.spyOn(RedisBotMemory.prototype, 'trackCard').mockImplementation(function (this: RedisBotMemory, ...args) {
      if (refused++ < 2) return Promise.reject(new Error("Stream isn't writeable and enableOfflineQueue options is false"));
      return track.apply(this, args);
    });
    try {
      await sendAndApprove(harness, 'terveysasemat');
    } finally {
      spy.mockRestore();
    }
    expect(refused).toBeGreaterThan(2);
    const approvals = harness.sentTo(harness.conversationId(SUPERVISOR)).filter((s) => s.method === 'POST' && fiPattern('case.approvalTitle').test(texts(cardOf(s.activity)!)[0] ?? ''));
    expect(approvals).toHaveLength(1);
  });
});
