import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, OTHER_WORKER, SUPERVISOR, WORKER, actionTitles, cardOf, fixedClock, submission, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { fiPattern, fiText } from '../support/catalog-text.js';
import { PSYCHIATRY_CHANNEL, acknowledgeBoth, inChannel, linkChannel, submitComplete } from '../support/flows.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { HEALTH_DEPUTY, HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, SENDING_DEPUTY, directory } from '../support/people.js';

/**
 * Approval and binding routing through the bot, each test on a bot and a request of its own: a
 * fresh harness (its own Redis prefix, so the first reference is YT-2026-0001), everyone greeted,
 * and the request driven to the step the test starts from.
 */

const REFERENCE = 'YT-2026-0001';
const WORKER_CARD = 'worker-form-card';
const PSYCHIATRY = directory.unitName('lastenpsykiatria', 'fi')!;
const HEALTH = directory.unitName('terveysasemat', 'fi')!;
const FIXED_TEXT = 'Tarkennettu: terveysasemalta vanhemman jaksamisen tuki.';

describe('approval and binding routing', () => {
  let harness: BotHarness;
  let requestId = '';

  const lastCardTo = (user: TestUser): Card => harness.currentCard(user);

  beforeEach(async () => {
    harness = await new BotHarness(fixedClock('2026-11-24T10:00:00Z')).start();
    for (const user of [WORKER, SUPERVISOR, SENDING_DEPUTY, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_DEPUTY, HEALTH_MEMBER, OTHER_WORKER]) {
      await harness.say(user, 'hei');
    }
    harness.connector.clear();
  });
  afterEach(async () => {
    await harness.stop();
  });

  describe('before any request', () => {
    it('lets a receiving supervisor link their channel to their unit, and refuses a worker', async () => {
      await linkChannel(harness, PSYCHIATRY_MEMBER);
      await linkChannel(harness, PSYCHIATRY_LEAD);
      const replies = harness.connector.captured.map((c) => String(c.activity.text));
      expect(replies[0]).toContain(fiText('errors.unit.not_a_lead'));
      expect(replies[1]).toBe(fiText('channel.linked', { units: PSYCHIATRY, count: 1 }));
    });
  });

  describe('a request sent for approval', () => {
    beforeEach(async () => {
      requestId = await submitComplete(harness, {}, WORKER_CARD);
    });

    it('sends the approval card with the description to the sending supervisor and deputy, and nobody else', async () => {
      for (const lead of [SUPERVISOR, SENDING_DEPUTY]) {
        const card = lastCardTo(lead);
        expect(texts(card)[0]).toBe(fiText('case.approvalTitle', { reference: REFERENCE }));
        expect(texts(card).join(' ')).toContain(COMPLETE_FORM_EDITS.wantedServices);
        expect(actionTitles(card)).toEqual([fiText('case.approve'), fiText('case.return')]);
      }
      const receivers = new Set(harness.connector.captured.filter((c) => c.method === 'POST').map((c) => c.conversationId));
      expect(receivers).toEqual(new Set([harness.conversationId(SUPERVISOR), harness.conversationId(SENDING_DEPUTY)]));
    });

    it("lists the request under 'waiting for my approval' for the sending supervisor, and opens it as an approval card", async () => {
      const list = await harness.say(SUPERVISOR, 'omat pyynnöt');
      expect(texts(list)).toContain(fiText('caseload.groups.approval'));
      expect(texts(list)).toContain(`${REFERENCE} · ${fiText('status.submitted')}`);
      const opened = await harness.execute(SUPERVISOR, Verb.viewRequest, { requestId, unitId: 'perhesosiaalityo' });
      expect(actionTitles(opened)).toEqual([fiText('case.approve'), fiText('case.return')]);
      expect(await harness.click(PSYCHIATRY_MEMBER, Verb.viewRequest, { requestId })).toBe(fiText('errors.request.not_permitted'));
    });

    it('refuses an outsider who clicks approve, and audit-logs the attempt', async () => {
      expect(await harness.click(OTHER_WORKER, Verb.approve, { requestId })).toBe(fiText('errors.request.not_permitted'));
      const audit = await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+');
      expect(audit.some(([, f]) => f.includes('request.access_denied') && f.includes(OTHER_WORKER.aadObjectId))).toBe(true);
    });

    it('returns the request to the worker with a comment and closes the approval cards', async () => {
      harness.connector.clear();
      const comment = 'Tarkenna, mitä terveysasemalta toivotaan.';
      expect(typeof (await harness.click(SUPERVISOR, Verb.returnToWorker, { requestId, returnComment: comment }))).not.toBe('string');
      const toWorker = lastCardTo(WORKER);
      expect(texts(toWorker).join(' ')).toContain(comment);
      expect(actionTitles(toWorker)).toContain(fiText('case.edit'));
      const deputyUpdate = harness.sentTo(harness.conversationId(SENDING_DEPUTY)).find((s) => s.method === 'PUT');
      expect(deputyUpdate).toBeDefined();
      const deputyCard = cardOf(deputyUpdate!.activity)!;
      expect(actionTitles(deputyCard)).toEqual([]);
      expect(texts(deputyCard)).toContainEqual(expect.stringMatching(fiPattern('case.decidedReturned', { name: SUPERVISOR.name })));
    });
  });

  describe('a returned request', () => {
    beforeEach(async () => {
      requestId = await submitComplete(harness, {}, WORKER_CARD);
      await harness.click(SUPERVISOR, Verb.returnToWorker, { requestId, returnComment: 'Tarkenna, mitä terveysasemalta toivotaan.' });
    });

    it('takes a resend after a fix, one approval of two simultaneous clicks, and routes the fixed text', async () => {
      const reopened = await harness.execute(WORKER, Verb.openRequest, { requestId });
      await harness.execute(WORKER, Verb.submitRequest, submission(reopened, Verb.submitRequest, { wantedServices: FIXED_TEXT }));
      harness.connector.clear();
      const [a, b] = await Promise.all([harness.click(SUPERVISOR, Verb.approve, { requestId }), harness.click(SENDING_DEPUTY, Verb.approve, { requestId })]);
      // The later click is answered in its card: the request as it is now, and who approved it when.
      const told = (card: Card | string, name?: string) => typeof card !== 'string' && texts(card).some((line) => fiPattern('errors.request.already_decided', name ? { name } : {}).test(line));
      const refused = [a, b].filter((answer) => told(answer)) as Card[];
      expect(refused).toHaveLength(1);
      expect(actionTitles(refused[0]!)).not.toContain(fiText('case.approve'));
      const firstApprover = [SUPERVISOR, SENDING_DEPUTY].filter((u) => told(refused[0]!, u.name));
      expect(firstApprover).toHaveLength(1);
      expect(texts(lastCardTo(HEALTH_LEAD)).join(' ')).toContain(FIXED_TEXT);
    });
  });

  describe('an approved request', () => {
    beforeEach(async () => {
      await linkChannel(harness, PSYCHIATRY_LEAD);
      harness.connector.clear();
      requestId = await submitComplete(harness, {}, WORKER_CARD);
      await harness.click(SUPERVISOR, Verb.approve, { requestId });
    });

    it('posts the request in the linked channel with an @mention of the unit leads', async () => {
      const posts = harness.sentTo(PSYCHIATRY_CHANNEL).filter((s) => s.method === 'POST');
      expect(posts).toHaveLength(1);
      const card = cardOf(posts[0]!.activity)!;
      expect(texts(card)[0]).toBe(fiText('case.receivingTitle', { reference: REFERENCE, unit: PSYCHIATRY }));
      expect(texts(card).join(' ')).toContain(`<at>${PSYCHIATRY_LEAD.name}</at>`);
      expect((card.msteams as { entities: { mentioned: { id: string } }[] }).entities.map((e) => e.mentioned.id)).toContain(PSYCHIATRY_LEAD.aadObjectId);
      expect(actionTitles(card)).toEqual([fiText('case.acknowledge'), fiText('case.propose')]);
    });

    it('sends a unit without a channel to its leads in person and tells the approver', async () => {
      for (const lead of [HEALTH_LEAD, HEALTH_DEPUTY]) expect(texts(lastCardTo(lead))[0]).toBe(fiText('case.receivingTitle', { reference: REFERENCE, unit: HEALTH }));
      const posted = harness.sentTo(harness.conversationId(SUPERVISOR)).flatMap((s) => (s.method === 'POST' ? texts(cardOf(s.activity)!) : []));
      expect(posted).toContain(fiText('case.fallbackNotice', { unit: HEALTH, reference: REFERENCE }));
    });

    it('refuses a processing date in the past, then acknowledges with the team meeting date', async () => {
      const past = await harness.click(PSYCHIATRY_LEAD, Verb.acknowledge, { requestId, unitId: 'lastenpsykiatria', processingDate: '2026-11-01' }, inChannel(PSYCHIATRY_CHANNEL));
      // Answered in the card clicked, next to the date, the date as typed kept.
      expect(texts(past as Card)).toContain(fiText('validation.datePast'));
      expect(submission(past as Card, Verb.acknowledge)).toMatchObject({ processingDate: '2026-11-01', unitId: 'lastenpsykiatria' });
      const acked = await harness.click(PSYCHIATRY_LEAD, Verb.acknowledge, { requestId, unitId: 'lastenpsykiatria', processingDate: '2026-12-03' }, inChannel(PSYCHIATRY_CHANNEL));
      expect(actionTitles(acked as Card)).toEqual([fiText('case.nameWorker'), fiText('case.moveDate')]);
      const healthAck = await harness.click(HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: '2026-12-01' });
      expect(texts(healthAck as Card).join(' ')).toContain(fiText('case.unitAcknowledged', { date: '1.12.2026' }));
    });
  });

  describe('an acknowledged request', () => {
    beforeEach(async () => {
      await linkChannel(harness, PSYCHIATRY_LEAD);
      requestId = await submitComplete(harness, {}, WORKER_CARD);
      await harness.click(SUPERVISOR, Verb.approve, { requestId });
      await acknowledgeBoth(harness, requestId, '2026-12-03');
      harness.connector.clear();
    });

    it('refuses a receiving lead acting for another unit, and a worker from outside the unit', async () => {
      const other = await harness.click(HEALTH_LEAD, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: HEALTH_MEMBER.aadObjectId });
      expect(other).toBe(fiText('errors.request.not_permitted'));
      const outside = await harness.click(PSYCHIATRY_LEAD, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: HEALTH_MEMBER.aadObjectId });
      expect(texts(outside as Card)).toContain(fiText('errors.request.worker_not_in_unit'));
      expect(submission(outside as Card, Verb.nameWorker)).toMatchObject({ workerId: HEALTH_MEMBER.aadObjectId });
    });

    it('names workers, tells each named worker with the description and contact, and keeps the worker card current', async () => {
      await harness.click(PSYCHIATRY_LEAD, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: PSYCHIATRY_MEMBER.aadObjectId }, inChannel(PSYCHIATRY_CHANNEL));
      await harness.click(HEALTH_LEAD, Verb.nameWorker, { requestId, unitId: 'terveysasemat', workerId: HEALTH_MEMBER.aadObjectId });
      const named = lastCardTo(PSYCHIATRY_MEMBER);
      expect(texts(named)[0]).toBe(fiText('case.namedTitle', { reference: REFERENCE }));
      expect(texts(named).join(' ')).toContain(COMPLETE_FORM_EDITS.wantedServices);
      expect(JSON.stringify(named)).toContain('wilma.tyontekija@hyvinvointialue.example');
      const unitLines = [`${PSYCHIATRY}: ${fiText('case.unitNamed', { name: PSYCHIATRY_MEMBER.name })}`, `${HEALTH}: ${fiText('case.unitNamed', { name: HEALTH_MEMBER.name })}`];
      const workerUpdates = harness.sentTo(harness.conversationId(WORKER)).filter((s) => s.method === 'PUT' && s.activityId === WORKER_CARD);
      const latest = texts(cardOf(workerUpdates.at(-1)!.activity)!).join('\n');
      for (const line of unitLines) expect(latest).toContain(line);
      expect(texts(await harness.say(WORKER, 'omat asiat'))).toContain(fiText('caseload.next.agree_meeting', { holder: fiText('caseload.you') }));
      const leadList = texts(await harness.say(HEALTH_LEAD, 'omat asiat'));
      expect(leadList).toContain(fiText('caseload.groups.received'));
      expect(leadList).toContain(fiText('caseload.next.agree_meeting', { holder: WORKER.name }));
      const audit = (await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+')).map(([, f]) => f);
      const disclosure = audit.find((f) => f.includes('request.disclosed') && f.includes(PSYCHIATRY_MEMBER.aadObjectId));
      expect(disclosure).toEqual(expect.arrayContaining(['fromUnit', 'perhesosiaalityo', 'basis', 'purpose', 'requestedBy']));
    });
  });
});
