import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { BotHarness, SUPERVISOR, WORKER, cardOf, fixedClock, invokeAnswer, submission, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { acknowledgeAndName, sendAndApprove } from '../support/flows.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, SENDING_DEPUTY, directory } from '../support/people.js';
import { fiPattern, fiText } from '../support/catalog-text.js';

/** The bound: whatever Teams and Graph are doing, a click is answered within this. */
const ANSWER_BOUND_MS = 2000;
const SLOW_CONNECTOR_MS = 5000;
const SLOW_GRAPH_MS = 20_000;

describe('a slow Bot Connector and a slow Graph while people keep clicking', () => {
  let sandbox: GraphSandbox;
  let harness: BotHarness;
  const answerTimes: { what: string; ms: number }[] = [];
  /** Activities the test sent: the bot's replies within their turns name them. */
  const inbound = new Set<string>();
  const proactive = (post: { method: string; activityId?: string | undefined }) => post.method === 'PUT' || !inbound.has(post.activityId ?? '');

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    harness = await new BotHarness(fixedClock('2026-11-24T10:00:00Z'), { ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' }).start();
    for (const user of [WORKER, SUPERVISOR, SENDING_DEPUTY, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER]) await harness.say(user, 'hei');
  }, 30_000);
  afterAll(async () => {
    // A failed assertion leaves the dependencies slow; stopping would then wait on them.
    harness?.connector.slowWhen(() => false, 0);
    sandbox?.faults.clear();
    await harness?.stop();
    await sandbox?.stop();
  });

  /** Posts an activity and times its HTTP answer, without waiting for the jobs it queued. */
  async function timed(what: string, user: TestUser, fields: Record<string, unknown>): Promise<unknown> {
    const activity = harness.activity(user, fields);
    inbound.add(String(activity.id));
    const started = performance.now();
    const response = await fetch(`${harness.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const body = await response.text();
    answerTimes.push({ what, ms: Math.round(performance.now() - started) });
    expect(response.status, what).toBe(200);
    return body ? (JSON.parse(body) as unknown) : undefined;
  }
  const click = async (what: string, user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card> => {
    const answer = invokeAnswer(await timed(what, user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data } } }));
    if (typeof answer === 'string') throw new Error(`${what} was refused: ${answer}`);
    return answer;
  };

  it('answers every activity within 2 s, and everything still happens once', async () => {
    const requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await acknowledgeAndName(harness, requestId, '2026-11-26');
    const postsBefore = harness.connector.captured.length;

    // Proactive messages and card updates take 5 s each; replies within a turn are not slowed.
    harness.connector.slowWhen(proactive, SLOW_CONNECTOR_MS);
    sandbox.faults.delay(1000, SLOW_GRAPH_MS);

    await click('choose a time', WORKER, Verb.chooseSlot, { requestId, index: 0 });
    await sleep(300);
    const again = invokeAnswer(await timed('choose again while booking', WORKER, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: Verb.chooseSlot, data: { requestId, index: 1 } } } }));
    // A raced second choice is answered in the clicked card: the case as it is, and why not.
    expect(typeof again === 'string' ? [again] : texts(again)).toContainEqual(expect.stringMatching(fiPattern('errors.request.already_decided', { name: WORKER.name })));
    await click('chair views the request', WORKER, Verb.viewRequest, { requestId });
    await click('named worker views it', PSYCHIATRY_MEMBER, Verb.viewRequest, { requestId });
    const form = await click('new request', WORKER, Verb.newRequest, {});
    await sleep(300);
    const sent = await click('send it', WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, { ...COMPLETE_FORM_EDITS, collaborationUnitIds: 'terveysasemat' }));
    const second = String(submission(form, Verb.submitRequest).requestId);
    expect(texts(sent).join(' ')).toContain('YT-2026-0002');
    await click('supervisor approves it', SUPERVISOR, Verb.approve, { requestId: second });
    await sleep(300);
    await click('lead acknowledges it', HEALTH_LEAD, Verb.acknowledge, { requestId: second, unitId: 'terveysasemat', processingDate: '2026-11-27' });
    await timed('own requests', WORKER, { type: 'message', text: 'omat pyynnöt' });
    await timed('greeting', HEALTH_MEMBER, { type: 'message', text: 'hei' });
    await sleep(300);
    await click('chair views the request again', WORKER, Verb.viewRequest, { requestId });

    expect(answerTimes.filter((t) => t.ms >= ANSWER_BOUND_MS), JSON.stringify(answerTimes)).toEqual([]);
    // The slow work was still in flight when the last click was answered: the bound is not luck.
    const booked = () => sandbox.calendars.eventsOf(directory.person(WORKER.aadObjectId)!.email!).filter((e) => e.transactionId?.includes(requestId));
    expect(booked()).toEqual([]);
    const approvalCards = () => harness.connector.captured.filter((c) => c.method === 'POST' && texts(cardOf(c.activity) ?? { body: [] })[0] === fiText('case.approvalTitle', { reference: 'YT-2026-0002' }));
    expect(approvalCards()).toEqual([]);

    harness.connector.slowWhen(() => false, 0);
    sandbox.faults.clear();
    await harness.bot.settled(90_000);
    expect(booked()).toHaveLength(1);
    const meta = JSON.parse((await harness.bot.redis.hget(`${harness.prefix}{wf}:request:${requestId}`, 'meta'))!) as { status: string; meeting: { booked: { eventId: string } } };
    expect(meta.status).toBe('booked');
    expect(meta.meeting.booked.eventId).toBe(booked()[0]!.id);
    const told = harness.connector.captured
      .slice(postsBefore)
      .filter((c) => c.method === 'POST' && proactive(c) && texts(cardOf(c.activity)!).some((line) => [fiPattern('meeting.booked'), fiPattern('note.meetingBooked')].some((p) => p.test(line))));
    expect(told.map((c) => c.conversationId).sort()).toEqual([WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER].map((u) => harness.conversationId(u)).sort());
    const secondMeta = JSON.parse((await harness.bot.redis.hget(`${harness.prefix}{wf}:request:${second}`, 'meta'))!) as { status: string; units: { status: string }[] };
    expect(secondMeta.units.map((u) => u.status)).toEqual(['acknowledged']);
    expect(approvalCards().map((c) => c.conversationId).sort()).toEqual([SUPERVISOR, SENDING_DEPUTY].map((u) => harness.conversationId(u)).sort());
  }, 150_000);
});
