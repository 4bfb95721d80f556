import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import {
  BotHarness,
  OTHER_WORKER,
  SUPERVISOR,
  TENANT,
  WORKER,
  actionTitles,
  cardOf,
  fixedClock,
  submission,
  texts,
  type Card,
  type TestUser,
} from '../support/bot-harness.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { HEALTH_DEPUTY, HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, SENDING_DEPUTY } from '../support/people.js';

const PSYCHIATRY_CHANNEL = '19:lastenpsykiatria@thread.tacv2';

function inChannel(channelId: string): Record<string, unknown> {
  return {
    conversation: { id: `${channelId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: '19:perhe-team@thread.tacv2' }, channel: { id: channelId } },
  };
}

describe('approval and binding routing', () => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const harness = new BotHarness(clock);
  let requestId = '';
  let workerCardId = '';

  const lastCardTo = (user: TestUser): { card: Card } => {
    const last = harness.sentTo(harness.conversationId(user)).filter((s) => s.method === 'POST').at(-1);
    if (!last) throw new Error(`nothing was sent to ${user.name}`);
    return { card: cardOf(last.activity)! };
  };

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, SENDING_DEPUTY, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_DEPUTY, HEALTH_MEMBER, OTHER_WORKER]) {
      await harness.say(user, 'hei');
    }
    harness.connector.clear();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('lets a receiving supervisor link their channel to their unit, and refuses a worker', async () => {
    const mention = { text: '<at>Yhteistyöbotti</at> yhdistä yksikkö', entities: [{ type: 'mention', text: '<at>Yhteistyöbotti</at>', mentioned: { id: '28:yhteistyobotti', name: 'Yhteistyöbotti' } }] };
    await harness.post(harness.activity(PSYCHIATRY_MEMBER, { type: 'message', ...mention, ...inChannel(PSYCHIATRY_CHANNEL) }));
    await harness.post(harness.activity(PSYCHIATRY_LEAD, { type: 'message', ...mention, ...inChannel(PSYCHIATRY_CHANNEL) }));
    const replies = harness.connector.captured.map((c) => String(c.activity.text));
    expect(replies[0]).toContain('Vain yksikön esihenkilö');
    expect(replies[1]).toBe('Tämä kanava vastaanottaa nyt yksikön Lastenpsykiatria yhteistyöpyynnöt.');
  });

  it('sends the approval card with the description to the sending supervisor and deputy, and nobody else', async () => {
    harness.connector.clear();
    const form = await harness.newForm(WORKER);
    requestId = String(submission(form, Verb.submitRequest).requestId);
    await harness.click(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, COMPLETE_FORM_EDITS), { replyToId: 'worker-form-card' });
    workerCardId = 'worker-form-card';
    for (const lead of [SUPERVISOR, SENDING_DEPUTY]) {
      const { card } = lastCardTo(lead);
      expect(texts(card)[0]).toMatch(/^Hyväksyttäväksi: yhteistyöpyyntö YT-2026-0001$/);
      expect(texts(card).join(' ')).toContain(COMPLETE_FORM_EDITS.wantedServices);
      expect(actionTitles(card)).toEqual(['Hyväksy ja lähetä yksiköille', 'Palauta työntekijälle']);
    }
    const receivers = new Set(harness.connector.captured.filter((c) => c.method === 'POST').map((c) => c.conversationId));
    expect(receivers).toEqual(new Set([harness.conversationId(SUPERVISOR), harness.conversationId(SENDING_DEPUTY)]));
  });

  it("lists the request under 'waiting for you' for the sending supervisor, and opens it as an approval card", async () => {
    const list = await harness.say(SUPERVISOR, 'omat pyynnöt');
    expect(texts(list)).toContain('Odottaa sinua');
    expect(texts(list)).toContain('YT-2026-0001 · Hyväksyntä');
    const opened = await harness.execute(SUPERVISOR, Verb.viewRequest, { requestId, unitId: 'perhesosiaalityo' });
    expect(actionTitles(opened)).toEqual(['Hyväksy ja lähetä yksiköille', 'Palauta työntekijälle']);
    expect(await harness.click(PSYCHIATRY_MEMBER, Verb.viewRequest, { requestId })).toBe(
      'Sinulla ei ole oikeutta tehdä tätä tässä pyynnössä.',
    );
  });

  it('refuses an outsider who clicks approve, and audit-logs the attempt', async () => {
    const answer = await harness.click(OTHER_WORKER, Verb.approve, { requestId });
    expect(answer).toBe('Sinulla ei ole oikeutta tehdä tätä tässä pyynnössä.');
    const audit = await harness.bot.redis.xrange(`${harness.prefix}audit`, '-', '+');
    expect(audit.some(([, f]) => f.includes('request.access_denied') && f.includes(OTHER_WORKER.aadObjectId))).toBe(true);
  });

  it('returns the request to the worker with a comment and closes the approval cards', async () => {
    harness.connector.clear();
    const answer = await harness.click(SUPERVISOR, Verb.returnToWorker, { requestId, returnComment: 'Tarkenna, mitä terveysasemalta toivotaan.' });
    expect(typeof answer).not.toBe('string');
    const toWorker = lastCardTo(WORKER).card;
    expect(texts(toWorker).join(' ')).toContain('Tarkenna, mitä terveysasemalta toivotaan.');
    expect(actionTitles(toWorker)).toContain('Muokkaa ja lähetä uudelleen');
    const deputyUpdate = harness.sentTo(harness.conversationId(SENDING_DEPUTY)).find((s) => s.method === 'PUT');
    expect(deputyUpdate).toBeDefined();
    expect(actionTitles(cardOf(deputyUpdate!.activity)!)).toEqual([]);
    expect(texts(cardOf(deputyUpdate!.activity)!).join(' ')).toContain('Palautti Sanna Esihenkilö');
  });

  it('takes a resend after a fix, and one approval of two simultaneous clicks', async () => {
    const reopened = await harness.execute(WORKER, Verb.openRequest, { requestId });
    await harness.execute(WORKER, Verb.submitRequest, submission(reopened, Verb.submitRequest, { wantedServices: 'Tarkennettu: terveysasemalta vanhemman jaksamisen tuki.' }));
    harness.connector.clear();
    const [a, b] = await Promise.all([harness.click(SUPERVISOR, Verb.approve, { requestId }), harness.click(SENDING_DEPUTY, Verb.approve, { requestId })]);
    const messages = [a, b].filter((x): x is string => typeof x === 'string');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^Tämän on jo käsitellyt (Sanna Esihenkilö|Olli Sijainen) /);
  });

  it('posts the request in the linked channel with an @mention of the unit leads', async () => {
    const posts = harness.sentTo(PSYCHIATRY_CHANNEL).filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(1);
    const card = cardOf(posts[0]!.activity)!;
    expect(texts(card)[0]).toBe('Yhteistyöpyyntö YT-2026-0001 yksikölle Lastenpsykiatria');
    expect(texts(card).join(' ')).toContain(`<at>${PSYCHIATRY_LEAD.name}</at>`);
    expect((card.msteams as { entities: { mentioned: { id: string } }[] }).entities.map((e) => e.mentioned.id)).toContain(PSYCHIATRY_LEAD.aadObjectId);
    expect(actionTitles(card)).toEqual(['Kuittaa vastaanotetuksi', 'Ehdota toista yksikköä']);
  });

  it('sends a unit without a channel to its leads in person and tells the approver', async () => {
    for (const lead of [HEALTH_LEAD, HEALTH_DEPUTY]) expect(texts(lastCardTo(lead).card)[0]).toBe('Yhteistyöpyyntö YT-2026-0001 yksikölle Terveysasemapalvelut');
    const approver = [SUPERVISOR, SENDING_DEPUTY].find((u) => texts(lastCardTo(u).card).join(' ').includes('ei ole Teams-kanavaa'));
    expect(approver).toBeDefined();
  });

  it('refuses a processing date in the past, then acknowledges with the team meeting date', async () => {
    const past = await harness.click(PSYCHIATRY_LEAD, Verb.acknowledge, { requestId, unitId: 'lastenpsykiatria', processingDate: '2026-11-01' }, inChannel(PSYCHIATRY_CHANNEL));
    expect(past).toBe('Anna tiimikokouksen päivämäärä: tänään tai myöhemmin.');
    const acked = await harness.click(PSYCHIATRY_LEAD, Verb.acknowledge, { requestId, unitId: 'lastenpsykiatria', processingDate: '2026-12-03' }, inChannel(PSYCHIATRY_CHANNEL));
    expect(actionTitles(acked as Card)).toEqual(['Nimeä työntekijä']);
    const healthAck = await harness.click(HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: '2026-12-01' });
    expect(texts(healthAck as Card).join(' ')).toContain('käsitellään 1.12.2026');
  });

  it('refuses a receiving lead acting for another unit, and a worker from outside the unit', async () => {
    expect(await harness.click(HEALTH_LEAD, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: HEALTH_MEMBER.aadObjectId })).toMatch(/^Sinulla ei ole oikeutta/);
    expect(await harness.click(PSYCHIATRY_LEAD, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: HEALTH_MEMBER.aadObjectId })).toBe(
      'Valitse työntekijä omasta yksiköstäsi.',
    );
  });

  it('names workers, tells each named worker with the description and contact, and keeps the worker card current', async () => {
    harness.connector.clear();
    await harness.click(PSYCHIATRY_LEAD, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: PSYCHIATRY_MEMBER.aadObjectId }, inChannel(PSYCHIATRY_CHANNEL));
    await harness.click(HEALTH_LEAD, Verb.nameWorker, { requestId, unitId: 'terveysasemat', workerId: HEALTH_MEMBER.aadObjectId });
    const named = lastCardTo(PSYCHIATRY_MEMBER).card;
    expect(texts(named)[0]).toBe('Sinut on nimetty Yhteistyö-tiimiin: YT-2026-0001');
    expect(texts(named).join(' ')).toContain('Tarkennettu: terveysasemalta');
    expect(JSON.stringify(named)).toContain('wilma.tyontekija@hyvinvointialue.example');
    const workerUpdates = harness.sentTo(harness.conversationId(WORKER)).filter((s) => s.method === 'PUT' && s.activityId === workerCardId);
    const latest = texts(cardOf(workerUpdates.at(-1)!.activity)!).join('\n');
    expect(latest).toContain(`Lastenpsykiatria: nimetty: ${PSYCHIATRY_MEMBER.name}`);
    expect(latest).toContain(`Terveysasemapalvelut: nimetty: ${HEALTH_MEMBER.name}`);
    const workerList = texts(await harness.say(WORKER, 'omat pyynnöt')).join('\n');
    expect(workerList).toContain(`Lastenpsykiatria: nimetty: ${PSYCHIATRY_MEMBER.name}`);
    expect(texts(await harness.say(HEALTH_LEAD, 'omat pyynnöt'))).not.toContain('Odottaa sinua');
    const audit = (await harness.bot.redis.xrange(`${harness.prefix}audit`, '-', '+')).map(([, f]) => f);
    const disclosure = audit.find((f) => f.includes('request.disclosed') && f.includes(PSYCHIATRY_MEMBER.aadObjectId));
    expect(disclosure).toEqual(expect.arrayContaining(['fromUnit', 'perhesosiaalityo', 'basis', 'purpose', 'requestedBy']));
  });
});
