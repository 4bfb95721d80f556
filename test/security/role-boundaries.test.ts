import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { MovableClock } from '../../src/jobs/movable-clock.js';
import { BotHarness, OTHER_WORKER, STRANGER, SUPERVISOR, WORKER, actionData, cardOf, submission, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, SENDING_DEPUTY, directory } from '../support/people.js';
import { fiPattern, fiText } from '../support/catalog-text.js';

const DAY = 24 * 3600 * 1000;
const NOT_PERMITTED = fiText('errors.request.not_permitted');

const personIn = (unitId: string, role: 'supervisors' | 'members', index: number): TestUser => {
  const id = directory.unit(unitId)![role][index]!;
  return { aadObjectId: id, name: directory.person(id)!.name };
};
/** Leads a unit that is not in the request. */
const CHILD_WELFARE_LEAD = personIn('lastensuojelu', 'supervisors', 0);
/** A colleague of the named psychiatry worker, never named in this request. */
const PSYCHIATRY_COLLEAGUE = personIn('lastenpsykiatria', 'members', 1);

/**
 * Every card action is checked on the server against the unit directory: what a card sends
 * (unit, worker and request ids) is a claim, never a role. A refused click changes nothing,
 * tells the clicker why in their language, and is audit-logged.
 */
describe('who may do what to a request', () => {
  let sandbox: GraphSandbox;
  let harness: BotHarness;
  let requestId = '';
  const clock = new MovableClock(() => new Date('2026-11-24T10:00:00Z'));
  const cardsTo = (user: TestUser): Card[] =>
    harness
      .sentTo(harness.conversationId(user))
      .filter((s) => s.method === 'POST')
      .flatMap((s) => cardOf(s.activity) ?? []);
  const lastCardTo = (user: TestUser): Card => harness.currentCard(user);

  const stored = () => harness.bot.redis.hgetall(`${harness.prefix}{wf}:request:${requestId}`);
  const denials = async (user: TestUser) =>
    (await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+')).filter(
      ([, fields]) => fields.includes('request.access_denied') && fields[fields.indexOf('actorId') + 1] === user.aadObjectId,
    ).length;

  /** The click is refused with `answer` (a message, or the text of a notice card), and the request is as it was. */
  const refused = async (user: TestUser, verb: string, data: Record<string, unknown>, answer = NOT_PERMITTED, audited = true) => {
    const [before, denied] = [await stored(), await denials(user)];
    const reply = await harness.click(user, verb, data);
    expect(typeof reply === 'string' ? reply : texts(reply).join(' '), `${user.name}: ${verb}`).toContain(answer);
    expect(await stored()).toEqual(before);
    expect(await denials(user), `audit of ${user.name}: ${verb}`).toBe(denied + (audited ? 1 : 0));
  };
  const allowed = async (user: TestUser, verb: string, data: Record<string, unknown>) => {
    const reply = await harness.click(user, verb, data);
    if (typeof reply === 'string') throw new Error(`${user.name}: ${verb} refused: ${reply}`);
    return reply;
  };

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    harness = new BotHarness(clock, { ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' });
    await harness.start();
    for (const user of [WORKER, OTHER_WORKER, SUPERVISOR, SENDING_DEPUTY, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, PSYCHIATRY_COLLEAGUE, HEALTH_LEAD, HEALTH_MEMBER]) {
      await harness.say(user, 'hei');
    }
    const form = await harness.newForm(WORKER);
    requestId = String(submission(form, Verb.submitRequest).requestId);
    await allowed(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, COMPLETE_FORM_EDITS));
  });
  afterAll(async () => {
    await harness.stop();
    await sandbox.stop();
  });

  it("keeps approval to the sending unit's supervisor and deputy: not the worker, a colleague or another unit's lead", async () => {
    for (const user of [OTHER_WORKER, PSYCHIATRY_LEAD]) {
      await refused(user, Verb.approve, { requestId });
      await refused(user, Verb.returnToWorker, { requestId, returnComment: 'Ei käy.' });
    }
    // The worker filed it: four eyes, and the refusal says so.
    await refused(WORKER, Verb.approve, { requestId }, 'Et voi hyväksyä, palauttaa etkä ratkaista omaa pyyntöäsi.');
    await refused(WORKER, Verb.returnToWorker, { requestId, returnComment: 'Ei käy.' }, 'Et voi hyväksyä, palauttaa etkä ratkaista omaa pyyntöäsi.');
    await refused(SUPERVISOR, Verb.withdraw, { requestId });
    await refused(OTHER_WORKER, Verb.openRequest, { requestId }, fiText('errors.request.not_owner'));
    await allowed(SENDING_DEPUTY, Verb.approve, { requestId });
  });

  it('keeps acknowledging and naming to the leads of that unit, whatever unit or worker the card names', async () => {
    await refused(PSYCHIATRY_MEMBER, Verb.acknowledge, { requestId, unitId: 'lastenpsykiatria', processingDate: '2026-11-26' });
    await refused(HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'lastenpsykiatria', processingDate: '2026-11-26' });
    await refused(CHILD_WELFARE_LEAD, Verb.acknowledge, { requestId, unitId: 'lastensuojelu', processingDate: '2026-11-26' });
    await allowed(PSYCHIATRY_LEAD, Verb.acknowledge, { requestId, unitId: 'lastenpsykiatria', processingDate: '2026-11-26' });
    await allowed(HEALTH_LEAD, Verb.acknowledge, { requestId, unitId: 'terveysasemat', processingDate: '2026-11-26' });
    await refused(HEALTH_LEAD, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: HEALTH_MEMBER.aadObjectId });
    await refused(PSYCHIATRY_MEMBER, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: PSYCHIATRY_MEMBER.aadObjectId });
    // A lead of the unit naming someone from another unit: a wrong choice, not a missing right.
    await refused(PSYCHIATRY_LEAD, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: HEALTH_MEMBER.aadObjectId }, fiText('errors.request.worker_not_in_unit'), false);
    await refused(PSYCHIATRY_MEMBER, Verb.proposeUnit, { requestId, unitId: 'lastenpsykiatria', proposedUnitId: 'lastensuojelu', proposalReason: 'Sopii paremmin.' });
    await refused(PSYCHIATRY_LEAD, Verb.acceptProposal, { requestId, unitId: 'lastenpsykiatria' });
    await refused(HEALTH_LEAD, Verb.rejectProposal, { requestId, unitId: 'lastenpsykiatria' });
  });

  it('shows a request to nobody outside it, and does not say whether an unknown id exists', async () => {
    await refused(STRANGER, Verb.viewRequest, { requestId });
    await refused(CHILD_WELFARE_LEAD, Verb.viewRequest, { requestId, unitId: 'lastensuojelu' });
    await refused(STRANGER, Verb.approve, { requestId: 'AAAAAAAAAAAAAAAAAAAAAA' }, fiText('errors.request.not_found'), false);
  });

  it('keeps choosing, moving and cancelling the meeting to the chair, and new rounds to the people named', async () => {
    await allowed(PSYCHIATRY_LEAD, Verb.nameWorker, { requestId, unitId: 'lastenpsykiatria', workerId: PSYCHIATRY_MEMBER.aadObjectId });
    await allowed(HEALTH_LEAD, Verb.nameWorker, { requestId, unitId: 'terveysasemat', workerId: HEALTH_MEMBER.aadObjectId });
    expect(texts(lastCardTo(PSYCHIATRY_MEMBER)).some((t) => t.includes('klo 12.00–12.45'))).toBe(true);
    await refused(PSYCHIATRY_MEMBER, Verb.chooseSlot, { requestId, index: 0 });
    await refused(PSYCHIATRY_COLLEAGUE, Verb.otherTimes, { requestId });
    await refused(SUPERVISOR, Verb.otherTimes, { requestId });
    await refused(HEALTH_MEMBER, Verb.wholeSlot, { requestId });
    await allowed(WORKER, Verb.chooseSlot, { requestId, index: 0 });
    expect(texts(lastCardTo(HEALTH_MEMBER)).some((t) => fiPattern('meeting.booked').test(t))).toBe(true);
    await refused(PSYCHIATRY_MEMBER, Verb.reschedule, { requestId });
    await refused(SUPERVISOR, Verb.cancelMeeting, { requestId });
    await refused(HEALTH_MEMBER, Verb.openMeetingRecord, { requestId });
  });

  it('keeps the record to the chair, feedback to those present, re-convening and closing to the omatyöntekijä', async () => {
    await harness.bot.moveClock!(15 * DAY);
    await harness.bot.settled();
    // The invite reminder falls due in the same move: the two cards may arrive in either order.
    const form = cardsTo(WORKER).find((card) => texts(card)[0] === 'Kirjaa tapaaminen YT-2026-0001')!;
    expect(form).toBeDefined();
    const attendeeIds = [WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER].map((u) => u.aadObjectId).join(',');
    const record = submission(form, Verb.recordMeeting, { consent: 'given', attendeeIds, clientPresence: 'remote', responsibleWorkerId: HEALTH_MEMBER.aadObjectId });
    await refused(HEALTH_MEMBER, Verb.recordMeeting, record);
    await allowed(WORKER, Verb.recordMeeting, record);
    const absent = fiText('errors.feedback.not_participant');
    await refused(PSYCHIATRY_COLLEAGUE, Verb.openFeedback, { requestId, generation: '1' }, absent);
    await refused(HEALTH_LEAD, Verb.giveFeedback, { requestId, generation: '1', q_clarified: '1' }, absent);
    await refused(PSYCHIATRY_MEMBER, Verb.reconvene, { requestId });
    await refused(PSYCHIATRY_MEMBER, Verb.closeCase, { requestId });
    await refused(PSYCHIATRY_LEAD, Verb.closeCase, { requestId });
    const asked = await allowed(HEALTH_MEMBER, Verb.closeCase, { requestId });
    await refused(PSYCHIATRY_LEAD, Verb.closeCase, actionData(asked, Verb.closeCase));
    await allowed(HEALTH_MEMBER, Verb.closeCase, actionData(asked, Verb.closeCase));
  });
});
