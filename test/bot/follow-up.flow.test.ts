import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { MovableClock } from '../../src/jobs/movable-clock.js';
import { BotHarness, STRANGER, SUPERVISOR, WORKER, actionTitles, cardOf, inputValues, submission, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { acknowledgeAndName, clickConfirmed, handledFacts, sendAndApprove } from '../support/flows.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, directory } from '../support/people.js';
import { fiPattern, fiText } from '../support/catalog-text.js';
import { keysUnder } from '../support/shared-redis.js';

const DAY = 24 * 3600 * 1000;
const CANARY = 'KanariaPalauteZ7q';
const HOUR = 3600 * 1000;
const REFERENCE = 'YT-2026-0001';
const HEALTH = directory.unitName('terveysasemat', 'fi')!;
const NOT_PERMITTED = fiText('errors.request.not_permitted');
const RECORD_TITLE = fiText('meetingDay.title', { reference: REFERENCE });
const fact = (label: string, value: string) => `${fiText(label)}: ${value}`;

describe('the meeting day, feedback, re-convening, closing and retention', () => {
  let sandbox: GraphSandbox;
  let harness: BotHarness;
  let requestId = '';
  const clock = new MovableClock(() => new Date('2026-11-24T10:00:00Z'));
  const postsTo = (user: TestUser) => harness.sentTo(harness.conversationId(user as never)).filter((s) => s.method === 'POST');
  const lastCardTo = (user: TestUser): Card => harness.currentCard(user);
  const cardsTo = (user: TestUser): Card[] => postsTo(user).flatMap((s) => cardOf(s.activity) ?? []);
  const move = async (ms: number) => {
    await harness.bot.moveClock!(ms);
    await harness.bot.settled();
  };
  const click = async (user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card> => {
    const reply = await harness.click(user, verb, data);
    if (typeof reply === 'string') throw new Error(`${verb} refused: ${reply}`);
    return reply;
  };

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    harness = new BotHarness(clock, { ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' });
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER]) await harness.say(user, 'hei');
    requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await acknowledgeAndName(harness, requestId, '2026-11-26');
    await harness.click(WORKER, Verb.chooseSlot, { requestId, index: 0 });
  });
  afterAll(async () => {
    await harness.stop();
    await sandbox.stop();
  });

  it('refuses to record a meeting that has not begun', async () => {
    expect(texts(lastCardTo(WORKER))).toContain(fiText('meeting.booked', { when: fiText('meeting.when', { date: '9.12.2026', from: '12.00', to: '12.45' }) }));
    const early = await click(WORKER, Verb.openMeetingRecord, { requestId });
    expect(texts(early)).toContain(fiText('errors.meeting.not_started'));
    expect(texts(early)).toContain(fiText('meeting.booked', { when: fiText('meeting.when', { date: '9.12.2026', from: '12.00', to: '12.45' }) }));
  });

  it('reminds the chair to invite the client on the working day before, and gives the meeting card at its start', async () => {
    await move(14 * DAY);
    expect(texts(lastCardTo(WORKER))).toContainEqual(expect.stringMatching(fiPattern('reminder.inviteClient', { reference: REFERENCE })));
    await move(DAY);
    const card = lastCardTo(WORKER);
    expect(texts(card)[0]).toBe(RECORD_TITLE);
    expect(texts(card)).toContain(fiText('meetingDay.starting', { reference: REFERENCE }));
    // Nothing is chosen for the chair: consent, attendance, presence and the omatyöntekijä are facts they state.
    expect(inputValues(card)).toMatchObject({ consent: '', attendeeIds: '', clientPresence: '', responsibleWorkerId: '' });
  });

  it('refuses an incomplete record in the card, naming each missing fact next to its field', async () => {
    const card = lastCardTo(WORKER);
    const refused = await click(WORKER, Verb.recordMeeting, submission(card, Verb.recordMeeting));
    expect(texts(refused)[0]).toBe(RECORD_TITLE);
    expect(texts(refused)).toEqual(expect.arrayContaining(['validation.fixBelow', 'validation.consentRequired', 'validation.attendeesRequired', 'validation.presenceRequired'].map((k) => fiText(k))));
    const partial = { consent: 'not_given', nextMeetingDate: '2026-12-01' };
    const kept = await click(WORKER, Verb.recordMeeting, submission(card, Verb.recordMeeting, partial));
    expect(submission(kept, Verb.recordMeeting)).toMatchObject(partial);
    expect(texts(kept)).toContain(fiText('validation.dateBeforeMeeting'));
    expect(texts(await click(WORKER, Verb.viewRequest, { requestId }))).toContain(fact('case.status', fiText('status.booked')));
  });

  it('handles the case only with the client and the sending worker present', async () => {
    const card = lastCardTo(WORKER);
    const clientAway = { ...handledFacts([WORKER, HEALTH_MEMBER], HEALTH_MEMBER), clientPresence: 'absent' };
    const away = await click(WORKER, Verb.recordMeeting, submission(card, Verb.recordMeeting, clientAway));
    expect(texts(away)).toContain(fiText('validation.handledNeedsClient'));
    expect(submission(away, Verb.recordMeeting)).toMatchObject(clientAway);
    const senderAway = handledFacts([PSYCHIATRY_MEMBER, HEALTH_MEMBER], HEALTH_MEMBER);
    const noSender = await click(WORKER, Verb.recordMeeting, submission(card, Verb.recordMeeting, senderAway));
    expect(texts(noSender)).toContain(fiText('validation.handledNeedsSender'));
    expect(submission(noSender, Verb.recordMeeting)).toMatchObject(senderAway);
  });

  it('lets only the chair record the meeting, and wants an omatyöntekijä when consent was given', async () => {
    const card = lastCardTo(WORKER);
    expect(await harness.click(HEALTH_MEMBER, Verb.recordMeeting, submission(card, Verb.recordMeeting))).toBe(NOT_PERMITTED);
    const facts = { ...handledFacts([WORKER, HEALTH_MEMBER], WORKER), responsibleWorkerId: '' };
    const refused = await click(WORKER, Verb.recordMeeting, submission(card, Verb.recordMeeting, facts));
    expect(texts(refused)).toContain(fiText('validation.responsibleRequired'));
    expect(submission(refused, Verb.recordMeeting)).toMatchObject(facts);
  });

  it('records consent as a fact, the attendance and the omatyöntekijä, and tells everyone', async () => {
    const form = lastCardTo(WORKER);
    const attendeeIds = [WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER].map((u) => u.aadObjectId).join(',');
    const edits = { consent: 'given', attendeeIds, clientPresence: 'remote', responsibleWorkerId: HEALTH_MEMBER.aadObjectId, nextMeetingDate: '2027-01-20' };
    const recorded = await click(WORKER, Verb.recordMeeting, submission(form, Verb.recordMeeting, edits));
    const shown = texts(recorded);
    expect(shown).toContain(fact('case.status', fiText('status.follow_up')));
    expect(shown).toContainEqual(expect.stringMatching(fiPattern('outcome.consentGiven', { name: WORKER.name })));
    expect(shown).toContain(fact('outcome.responsible', HEALTH_MEMBER.name));
    expect(shown).toContain(fact('outcome.client', fiText('meetingDay.remote')));
    expect(shown).toContain(fact('outcome.consentValidUntil', '20.1.2027'));
    expect(texts(lastCardTo(HEALTH_MEMBER))).toContain(fiText('outcome.responsibleNotice', { reference: REFERENCE }));
    expect(texts(lastCardTo(PSYCHIATRY_MEMBER))).toContain(fiText('outcome.recorded', { reference: REFERENCE }));
    const again = await click(WORKER, Verb.recordMeeting, submission(form, Verb.recordMeeting, edits));
    expect(texts(again)).toContainEqual(expect.stringMatching(fiPattern('errors.request.already_decided', { name: WORKER.name })));
  });

  it('asks everyone present for feedback at 15:00 on the meeting day', async () => {
    const before = postsTo(PSYCHIATRY_MEMBER).length;
    await move(2 * HOUR);
    expect(postsTo(PSYCHIATRY_MEMBER)).toHaveLength(before);
    await move(HOUR);
    for (const user of [WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER]) expect(texts(lastCardTo(user))[0]).toBe(fiText('feedback.title', { reference: REFERENCE }));
    expect(actionTitles(lastCardTo(WORKER))).toContain(fiText('feedback.submit'));
    expect(texts(lastCardTo(WORKER))).toContain(fiText('feedback.clientHint'));
    expect(texts(lastCardTo(HEALTH_MEMBER))).not.toContain(fiText('feedback.clientHint'));
  });

  it('refuses a comment that identifies the client and gives the card back with what was typed', async () => {
    const card = lastCardTo(HEALTH_MEMBER);
    const refused = await click(HEALTH_MEMBER, Verb.giveFeedback, submission(card, Verb.giveFeedback, { q_clarified: '4', comment: 'Soita 040 123 4567' }));
    expect(texts(refused)).toContain(fiText('errors.feedback.identifiers_found'));
    expect(submission(refused, Verb.giveFeedback)).toMatchObject({ q_clarified: '4', comment: 'Soita 040 123 4567' });
  });

  it('takes one answer per person, editable, and refuses people who were not there', async () => {
    const card = lastCardTo(HEALTH_MEMBER);
    const first = await click(HEALTH_MEMBER, Verb.giveFeedback, submission(card, Verb.giveFeedback, { q_clarified: '4', q_division_of_work: '5' }));
    expect(texts(first)).toContain(fiText('feedback.thanks'));
    const edited = await click(HEALTH_MEMBER, Verb.giveFeedback, submission(first, Verb.giveFeedback, { q_clarified: '5' }));
    expect(texts(edited)).toContain(fiText('feedback.updated'));
    expect(submission(edited, Verb.giveFeedback)).toMatchObject({ q_clarified: '5', q_division_of_work: '5' });
    await click(WORKER, Verb.giveFeedback, submission(lastCardTo(WORKER), Verb.giveFeedback, { q_clarified: '3', clientRating: '4', comment: `Hyvä ${CANARY}` }));
    expect(await harness.click(HEALTH_LEAD, Verb.giveFeedback, submission(card, Verb.giveFeedback, { q_clarified: '1' }))).toBe(
      fiText('errors.feedback.not_participant'),
    );
    expect(await harness.bot.redis.smembers(`${harness.prefix}{feedback}:feedback:${requestId}:1:respondents`)).toHaveLength(2);
  });

  it('stores answers apart from who gave them', async () => {
    const answers = await harness.bot.redis.hgetall(`${harness.prefix}{feedback}:feedback:answers`);
    expect(Object.keys(answers)).toHaveLength(3);
    const stored = JSON.stringify(answers);
    for (const user of [WORKER, HEALTH_MEMBER]) expect(stored).not.toContain(user.aadObjectId);
    expect(stored).not.toContain('division_of_work');
  });

  it('keeps a feedback comment out of the logs, Graph and every Redis value in plaintext', async () => {
    expect(harness.logLines.some((line) => line.includes(CANARY))).toBe(false);
    expect(JSON.stringify(sandbox.requests)).not.toContain(CANARY);
    const { redis } = harness.bot;
    for (const key of await keysUnder(redis, `${harness.prefix}*`)) {
      const type = await redis.type(key);
      const dump = type === 'hash' ? JSON.stringify(await redis.hgetall(key)) : type === 'string' ? await redis.get(key) : '';
      expect(dump ?? '', key).not.toContain(CANARY);
    }
  });

  it('reminds once, the next working day, only those who have not answered', async () => {
    const counts = () => [WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER].map((u) => postsTo(u).length);
    const before = counts();
    await move(DAY);
    await move(DAY);
    const after = counts();
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]).toBe(before[1]! + 1);
    expect(texts(lastCardTo(PSYCHIATRY_MEMBER))).toContain(fiText('feedback.reminder', { reference: REFERENCE }));
  });

  it("shows the feedback in the unit lead's report, hiding averages of fewer than five answers", async () => {
    const report = await harness.say(HEALTH_LEAD, 'raportti');
    const shown = texts(report);
    expect(shown).toContain(HEALTH);
    expect(JSON.stringify(report)).toContain(fiText('report.suppressed', { min: 5 }));
    expect(await harness.say(WORKER, 'raportti').then((card) => texts(card))).toContain(fiText('errors.report.not_a_lead'));
  });

  it('gives the report as CSV behind a personal link that downloads once and expires', async () => {
    const linkFromChat = async () => {
      const before = postsTo(HEALTH_LEAD).length;
      await harness.post(harness.activity(HEALTH_LEAD, { type: 'message', text: 'raportti csv' }));
      const message = String(postsTo(HEALTH_LEAD).slice(before).at(-1)!.activity.text);
      return /\((http[^)]+)\)/.exec(message)![1]!.replace(/^http:\/\/localhost:\d+/, harness.url);
    };
    const local = await linkFromChat();
    expect(await (await fetch(local)).text()).toContain(fiText('reportLink.download'));
    const response = await fetch(local, { method: 'POST' });
    expect(response.headers.get('content-type')).toContain('text/csv');
    const csv = await response.text();
    expect(csv.split('\r\n')[0]?.replace(/^\uFEFF/, '').startsWith(`${fiText('report.unit')};${fiText('report.month')};`)).toBe(true);
    expect(csv).toContain(`${HEALTH};2026-12;`);
    expect((await fetch(local, { method: 'POST' })).status).toBe(410);
    const unused = await linkFromChat();
    await harness.bot.moveClock!(HOUR);
    expect((await fetch(unused, { method: 'POST' })).status).toBe(410);
  });

  it('lets the omatyöntekijä re-convene the same team, and nobody else', async () => {
    expect(await harness.click(PSYCHIATRY_MEMBER, Verb.reconvene, { requestId })).toBe(NOT_PERMITTED);
    const reply = await click(HEALTH_MEMBER, Verb.reconvene, { requestId });
    expect(texts(reply)).toContain(fiText('outcome.reconvening'));
    const proposals = lastCardTo(WORKER);
    expect(actionTitles(proposals).filter((t) => t === fiText('meeting.choose'))).toHaveLength(3);
    expect(texts(lastCardTo(PSYCHIATRY_MEMBER)).some((t) => fiPattern('meeting.when', { from: '12.00', to: '12.45' }).test(t))).toBe(true);
    await harness.click(WORKER, Verb.chooseSlot, { requestId, index: 0 });
    expect(texts(lastCardTo(HEALTH_MEMBER)).some((t) => fiPattern('meeting.booked').test(t))).toBe(true);
  });

  it('closes the case by the omatyöntekijä after the second meeting, not by an outsider', async () => {
    await move(40 * DAY);
    // The invite reminder and the meeting card fall due in one move: they may arrive in either order.
    const form = cardsTo(WORKER).filter((card) => texts(card)[0] === RECORD_TITLE).at(-1)!;
    expect(cardsTo(WORKER).filter((card) => texts(card)[0] === RECORD_TITLE)).toHaveLength(2);
    await click(WORKER, Verb.recordMeeting, submission(form, Verb.recordMeeting, handledFacts([WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER], HEALTH_MEMBER)));
    expect(await harness.click(STRANGER, Verb.closeCase, { requestId })).toBe(NOT_PERMITTED);
    const asked = await click(HEALTH_MEMBER, Verb.closeCase, { requestId });
    expect(texts(asked)).toContain(fiText('confirm.closeCase', { reference: REFERENCE }));
    expect(texts(await click(WORKER, Verb.viewRequest, { requestId }))).toContain(fact('case.status', fiText('status.follow_up')));
    const closed = await clickConfirmed(harness, HEALTH_MEMBER, Verb.closeCase, { requestId });
    expect(typeof closed === 'string' ? closed : texts(closed)).toContain(fact('case.status', fiText('status.closed')));
    expect(texts(lastCardTo(WORKER))).toContain(fiText('outcome.closedNotice', { reference: REFERENCE }));
    // Closing a closed case again: the card says who closed it.
    const again = await clickConfirmed(harness, HEALTH_MEMBER, Verb.closeCase, { requestId });
    expect(typeof again === 'string' ? [again] : texts(again)).toContainEqual(expect.stringMatching(fiPattern('errors.request.already_decided', { name: HEALTH_MEMBER.name })));
    // A feedback change after closing is answered in the feedback card, the answer as typed kept, no button to try again.
    const late = await click(HEALTH_MEMBER, Verb.giveFeedback, { requestId, generation: '1', q_clarified: '2', comment: 'Myöhässä' });
    expect(texts(late)).toContain(fiText('errors.feedback.closed'));
    expect(texts(late)).not.toContain(fiText('feedback.updated'));
    expect(inputValues(late)).toMatchObject({ q_clarified: '2', comment: 'Myöhässä' });
    expect(actionTitles(late)).not.toContain(fiText('feedback.submit'));
    // Opening the feedback card after closing turns the clicked card into the closed case, saying why.
    const reopened = await click(HEALTH_MEMBER, Verb.openFeedback, { requestId, generation: '1' });
    expect(texts(reopened)).toContain(fiText('errors.feedback.closed'));
    expect(texts(reopened)).toContain(fact('case.status', fiText('status.closed')));
  });

  it('turns every feedback form still in a chat, answered or not, into "feedback is over" in place once the case closes, without its button', async () => {
    await harness.bot.settled();
    const title = fiText('feedback.title', { reference: REFERENCE });
    for (const user of [WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER]) {
      const sent = harness.sentTo(harness.conversationId(user));
      const forms = postsTo(user).filter((s) => texts(cardOf(s.activity) ?? { body: [] })[0] === title);
      // Both meetings' forms, and for the one who never answered the first, its reminder too.
      expect(forms.length, user.name).toBeGreaterThanOrEqual(2);
      for (const { postedId } of forms as { postedId?: string }[]) {
        const now = cardOf(sent.filter((s) => s.method === 'PUT' && s.activityId === postedId).at(-1)?.activity ?? {});
        expect(now, user.name).toBeDefined();
        expect(texts(now ?? { body: [] })).toEqual([title, fiText('feedback.ended.closed')]);
        expect(actionTitles(now ?? { body: [] })).toEqual([]);
      }
    }
    // Closed once, a form is forgotten: later redraws of the case (the purge at the end of retention) leave it as it is.
    expect(await harness.bot.redis.hlen(`${harness.prefix}cards:{${requestId}/feedback}`)).toBe(0);
  });

  it('keeps one living case card per person from send to close: nobody holds more than two full copies, later events add one line each', () => {
    const titles = ['case.approvalTitle', 'case.receivingTitle', 'case.namedTitle', 'case.statusTitle'].map((key) => fiPattern(key, { reference: REFERENCE }));
    const fullCopies = (user: TestUser) => postsTo(user).filter((s) => titles.some((title) => title.test(texts(cardOf(s.activity) ?? { body: [] })[0] ?? ''))).length;
    for (const user of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER]) {
      expect(fullCopies(user), user.name).toBeLessThanOrEqual(2);
    }
    expect(harness.notesTo(HEALTH_MEMBER)).toContain(fiText('outcome.responsibleNotice', { reference: REFERENCE }));
    expect(harness.notesTo(WORKER)).toContain(fiText('outcome.closedNotice', { reference: REFERENCE }));
  });

  it('deletes the description after the retention period and keeps the facts the metrics need', async () => {
    const key = `${harness.prefix}{wf}:request:${requestId}`;
    const sealedBefore = await harness.bot.redis.hget(key, 'description');
    await move(29 * DAY);
    expect(await harness.bot.redis.hget(key, 'description')).toBe(sealedBefore);
    await move(2 * DAY);
    const view = await click(WORKER, Verb.viewRequest, { requestId });
    expect(texts(view)).toContain(fiText('outcome.purged'));
    const meta = JSON.parse((await harness.bot.redis.hget(key, 'meta'))!) as { outcomes: unknown[]; purgedAt?: string; submittedAt?: string };
    expect(meta.outcomes).toHaveLength(2);
    expect(meta.purgedAt).toBeDefined();
    expect(meta.submittedAt).toBeDefined();
    expect(Object.keys(await harness.bot.redis.hgetall(`${harness.prefix}{feedback}:feedback:answers`))).toHaveLength(3);
    const audit = await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+');
    expect(audit.some(([, fields]) => fields.includes('request.purged'))).toBe(true);
  });
});
