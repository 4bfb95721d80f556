import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { MovableClock } from '../../src/jobs/movable-clock.js';
import { BotHarness, STRANGER, SUPERVISOR, WORKER, actionData, actionTitles, cardOf, submission, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { acknowledgeAndName, clickConfirmed, handledFacts, submitComplete } from '../support/flows.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, SENDING_DEPUTY, directory } from '../support/people.js';
import { fiText } from '../support/catalog-text.js';

const DAY = 24 * 3600 * 1000;
const REFERENCE = 'YT-2026-0001';
const SENDING = directory.unitName('perhesosiaalityo', 'fi')!;
const PSYCHIATRY = directory.unitName('lastenpsykiatria', 'fi')!;
const HEALTH = directory.unitName('terveysasemat', 'fi')!;
const row = (status: string) => fiText('caseload.row', { reference: REFERENCE, status: fiText(`status.${status}`) });
const next = (step: string, holder: string) => fiText(`caseload.next.${step}`, { holder });

/** The sections of a caseload card as heading → the texts under it, in order. */
function sections(card: Card): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const section of (card.body as { type: string; items?: unknown[] }[]).filter((b) => b.type === 'Container')) {
    const [heading, ...rest] = texts({ body: section.items ?? [] });
    found.set(heading!, rest);
  }
  return found;
}

describe('Omat asiat: every case a person is part of, by their part in it', () => {
  let sandbox: GraphSandbox;
  let harness: BotHarness;
  let requestId = '';
  const clock = new MovableClock(() => new Date('2026-11-24T10:00:00Z'));
  const list = (user: TestUser) => harness.say(user, 'omat asiat');
  const posts = (user: TestUser) => harness.connector.captured.filter((c) => c.conversationId === harness.conversationId(user) && c.method === 'POST');
  const puts = (user: TestUser, activityId: string) =>
    harness.connector.captured.filter((c) => c.conversationId === harness.conversationId(user) && c.method === 'PUT' && c.activityId === activityId);
  const settle = () => harness.bot.settled();
  const click = async (user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card> => {
    const reply = await harness.click(user, verb, data);
    if (typeof reply === 'string') throw new Error(`${verb} refused: ${reply}`);
    return reply;
  };
  const openData = (card: Card) => actionData(card, Verb.openCase);

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    harness = new BotHarness(clock, { ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' });
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, SENDING_DEPUTY, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER, STRANGER]) await harness.say(user, 'hei');
  });
  afterAll(async () => {
    await harness.stop();
    await sandbox.stop();
  });

  it('answers the old words and the new, titled "Omat asiat", and tells someone with no cases so', async () => {
    for (const words of ['omat asiat', 'omat pyynnöt', 'pyynnöt', 'mina ärenden', 'my cases']) expect(texts(await harness.say(STRANGER, words))[0]).toBe(fiText('list.title'));
    expect(texts(await list(STRANGER))).toContain(fiText('caseload.empty'));
    expect(actionTitles(await harness.say(STRANGER, 'hei'))).toContain(fiText('welcome.myRequests'));
  });

  it('lists a sent request for its sender and, awaiting approval, for the sending supervisor', async () => {
    requestId = await submitComplete(harness, { collaborationUnitIds: 'lastenpsykiatria,terveysasemat' });
    expect(sections(await list(WORKER)).get(fiText('caseload.groups.sent'))).toEqual([row('submitted'), next('approve', SENDING)]);
    const approver = sections(await list(SUPERVISOR));
    expect(approver.get(fiText('caseload.groups.approval'))).toEqual([row('submitted'), next('approve', SENDING)]);
    expect(openData(await list(SUPERVISOR))).toMatchObject({ requestId, role: 'approval' });
  });

  it('refuses to open the case for someone who is not part of it, and audit-logs the refusal', async () => {
    const before = posts(STRANGER).length;
    expect(await harness.click(STRANGER, Verb.openCase, { requestId, role: 'sent', unitId: '' })).toBe(fiText('errors.request.not_permitted'));
    expect(posts(STRANGER)).toHaveLength(before);
    const audit = await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+');
    expect(audit.some(([, f]) => f.includes('request.access_denied') && f.includes(STRANGER.aadObjectId) && f.includes(requestId))).toBe(true);
  });

  it('posts the case card afresh at the bottom of the chat and turns the earlier copy into a stub without buttons', async () => {
    const approvalCards = () => posts(SUPERVISOR).filter((p) => texts(cardOf(p.activity) ?? { body: [] })[0] === fiText('case.approvalTitle', { reference: REFERENCE }));
    const earlier = approvalCards().at(-1)!;
    const answer = await harness.click(SUPERVISOR, Verb.openCase, openData(await list(SUPERVISOR)));
    expect(answer).toBe(fiText('caseload.reopened.answer', { reference: REFERENCE }));
    const fresh = posts(SUPERVISOR).at(-1)!;
    expect(approvalCards().at(-1)).toBe(fresh);
    expect(fresh.postedId).not.toBe(earlier.postedId);
    expect(actionTitles(cardOf(fresh.activity)!)).toEqual([fiText('case.approve'), fiText('case.return')]);
    const stub = cardOf(puts(SUPERVISOR, earlier.postedId!).at(-1)!.activity)!;
    expect(texts(stub)).toEqual([REFERENCE, fiText('caseload.reopened.text')]);
    expect(actionTitles(stub)).toEqual([]);
    // Approving from the fresh card updates it in place and leaves the stub a stub.
    const stubUpdates = puts(SUPERVISOR, earlier.postedId!).length;
    await click(SUPERVISOR, Verb.approve, { requestId });
    await settle();
    expect(puts(SUPERVISOR, earlier.postedId!)).toHaveLength(stubUpdates);
    expect(puts(SUPERVISOR, fresh.postedId!).length).toBeGreaterThan(0);
  });

  it("lists a routed request for each receiving unit's lead with who has the next step, and no more for approval", async () => {
    const lead = sections(await list(HEALTH_LEAD));
    expect(lead.get(fiText('caseload.groups.received'))).toEqual([row('routed'), next('acknowledge', `${PSYCHIATRY}, ${HEALTH}`)]);
    const opened = await harness.click(HEALTH_LEAD, Verb.openCase, openData(await list(HEALTH_LEAD)));
    expect(opened).toBe(fiText('caseload.reopened.answer', { reference: REFERENCE }));
    expect(texts(cardOf(posts(HEALTH_LEAD).at(-1)!.activity)!)[0]).toBe(fiText('case.receivingTitle', { reference: REFERENCE, unit: HEALTH }));
  });

  it('keeps the approved case in sight of the sending unit\'s supervisor and deputy, as sent by their unit, opening in the supervisor view', async () => {
    for (const lead of [SUPERVISOR, SENDING_DEPUTY]) {
      const shown = sections(await list(lead));
      expect([...shown.keys()]).toEqual([fiText('caseload.groups.sending')]);
      expect(shown.get(fiText('caseload.groups.sending'))).toEqual([row('routed'), next('acknowledge', `${PSYCHIATRY}, ${HEALTH}`)]);
    }
    const data = openData(await list(SENDING_DEPUTY));
    expect(data).toMatchObject({ requestId, role: 'sending', unitId: 'perhesosiaalityo' });
    expect(await harness.click(SENDING_DEPUTY, Verb.openCase, data)).toBe(fiText('caseload.reopened.answer', { reference: REFERENCE }));
    const card = cardOf(posts(SENDING_DEPUTY).at(-1)!.activity)!;
    expect(texts(card)[0]).toBe(fiText('case.statusTitle', { reference: REFERENCE }));
    expect(actionTitles(card)).not.toContain(fiText('case.approve'));
  });

  it('lists the request for each named worker, once, and opens it in the named view', async () => {
    await acknowledgeAndName(harness, requestId, '2026-11-26');
    await settle();
    const named = sections(await list(PSYCHIATRY_MEMBER));
    expect(named.get(fiText('caseload.groups.named'))).toEqual([row('meeting_proposed'), next('choose_time', WORKER.name)]);
    expect([...named.keys()]).toEqual([fiText('caseload.groups.named')]);
    await harness.click(PSYCHIATRY_MEMBER, Verb.openCase, openData(await list(PSYCHIATRY_MEMBER)));
    expect(texts(cardOf(posts(PSYCHIATRY_MEMBER).at(-1)!.activity)!)[0]).toBe(fiText('case.namedTitle', { reference: REFERENCE }));
  });

  it('lists the case for the omatyöntekijä after the meeting record, whose reopened card has "Kutsu tiimi uudelleen" and "Sulje asia"', async () => {
    await harness.click(WORKER, Verb.chooseSlot, { requestId, index: 0 });
    await settle();
    await harness.bot.moveClock!(15 * DAY);
    await settle();
    const form = posts(WORKER).flatMap((p) => cardOf(p.activity) ?? []).filter((c) => texts(c)[0] === fiText('meetingDay.title', { reference: REFERENCE })).at(-1)!;
    await click(WORKER, Verb.recordMeeting, submission(form, Verb.recordMeeting, handledFacts([WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER], HEALTH_MEMBER)));
    await settle();
    const theirs = sections(await list(HEALTH_MEMBER));
    const followUp = [row('follow_up'), next('follow_up', fiText('caseload.you'))];
    expect(theirs.get(fiText('caseload.groups.responsible'))).toEqual(followUp);
    expect(theirs.get(fiText('caseload.groups.named'))).toEqual(followUp);
    const data = actionData(await list(HEALTH_MEMBER), Verb.openCase);
    await harness.click(HEALTH_MEMBER, Verb.openCase, { ...data, role: 'responsible' });
    const card = cardOf(posts(HEALTH_MEMBER).at(-1)!.activity)!;
    expect(actionTitles(card)).toEqual(expect.arrayContaining([fiText('outcome.reconvene'), fiText('outcome.close')]));
    expect(sections(await list(SUPERVISOR)).get(fiText('caseload.groups.sending'))).toEqual([row('follow_up'), next('follow_up', HEALTH_MEMBER.name)]);
  });

  it('puts the closed case under "Päättyneet" for everyone in it, the sending and receiving leads too, and out of the open groups', async () => {
    const closed = await clickConfirmed(harness, HEALTH_MEMBER, Verb.closeCase, { requestId });
    if (typeof closed === 'string') throw new Error(`closing refused: ${closed}`);
    await settle();
    for (const user of [WORKER, SUPERVISOR, SENDING_DEPUTY, HEALTH_MEMBER, PSYCHIATRY_MEMBER, HEALTH_LEAD]) {
      const shown = sections(await list(user));
      expect([...shown.keys()]).toEqual([fiText('caseload.finished')]);
      expect(shown.get(fiText('caseload.finished'))).toEqual([row('closed'), fiText('caseload.next.none')]);
    }
    expect(texts(await list(STRANGER))).toContain(fiText('caseload.empty'));
  });
});
