import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { plusDays } from '../../src/domain/slots/calendar-days.js';
import { countyDate } from '../../src/domain/time.js';
import { SUPERVISOR, WORKER, cardOf, texts, type TestUser } from '../support/bot-harness.js';
import { eventually } from '../support/effect-worker-process.js';
import { acknowledgeAndName, sendAndApprove } from '../support/flows.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, directory } from '../support/people.js';
import { WorkerScene } from '../support/worker-scene.js';
import { fiPattern } from '../support/catalog-text.js';

const email = (user: TestUser) => directory.person(user.aadObjectId)!.email!;
const PARTICIPANTS = [WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER];

describe('an effect worker killed in the middle of booking', () => {
  let sandbox: GraphSandbox;
  let scene: WorkerScene;

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    scene = await WorkerScene.start({ ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' });
    const setup = scene.startWorker();
    await setup.running();
    for (const user of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER]) await scene.harness.say(user, 'hei');
    await setup.stop();
  }, 60_000);
  afterAll(async () => {
    await scene?.close();
    await sandbox?.stop();
  });

  /** A request whose named workers have the proposals, with no worker left running. */
  async function proposed(): Promise<string> {
    const { harness } = scene;
    const setup = scene.startWorker();
    await setup.running();
    const requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    const processingDate = plusDays(countyDate(new Date()), 2);
    await acknowledgeAndName(harness, requestId, processingDate);
    expect((await scene.request(requestId)).status).toBe('meeting_proposed');
    await setup.stop();
    return requestId;
  }

  const eventsOf = (requestId: string) => sandbox.calendars.eventsOf(email(WORKER)).filter((e) => e.transactionId?.includes(requestId));

  /** One event, the request booked with it, `request.booked` audited once, each participant told once by a card of the meeting. */
  async function expectBookedOnce(requestId: string, postsBefore: number): Promise<void> {
    const { harness } = scene;
    const [event] = eventsOf(requestId);
    expect(eventsOf(requestId)).toHaveLength(1);
    expect((await scene.request(requestId)).meeting?.booked?.eventId).toBe(event!.id);
    for (const user of [PSYCHIATRY_MEMBER, HEALTH_MEMBER]) expect(sandbox.calendars.eventsOf(email(user)).filter((e) => e.meetingId === event!.meetingId), user.name).toHaveLength(1);
    expect((await scene.auditActions(requestId)).filter((action) => action === 'request.booked')).toHaveLength(1);
    const sent = harness.connector.captured.slice(postsBefore).filter((c) => c.method === 'POST');
    for (const user of PARTICIPANTS) {
      const told = sent.filter((c) => c.conversationId === harness.conversationId(user));
      expect(told, user.name).toHaveLength(1);
      // The booked card, or the line beside the case card already in the chat, updated in place.
      const booked = [fiPattern('meeting.booked'), fiPattern('note.meetingBooked')];
      expect(texts(cardOf(told[0]!.activity)!).some((line) => booked.some((pattern) => pattern.test(line))), user.name).toBe(true);
    }
    expect(sent).toHaveLength(PARTICIPANTS.length);
    expect(await scene.jobs.getJobCounts('failed', 'active', 'waiting')).toEqual({ failed: 0, active: 0, waiting: 0 });
  }

  const bookJob = async (requestId: string) =>
    (await scene.jobs.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed'])).find((j) => j.name === 'book' && j.data?.requestId === requestId);

  it('books once after two kills between the Graph create and storing the event', async ({ onTestFailed }) => {
    onTestFailed(() => console.error(scene.logs()));
    const { harness } = scene;
    const requestId = await proposed();
    const postsBefore = harness.connector.captured.length;
    const creates = () => sandbox.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/events') && r.body.includes(requestId));
    // Graph commits each of the first two creates and then holds its answer: the worker waiting for it dies.
    sandbox.faults.inject({ kind: 'delay', ms: 120_000, afterWork: true }, 2, /\/events$/);
    expect(typeof (await scene.clickNow(WORKER, Verb.chooseSlot, { requestId, index: 0 }))).toBe('object');

    const first = scene.startWorker();
    await eventually(() => eventsOf(requestId).length === 1, 'the first worker has created the event', 20_000);
    await first.kill();
    expect((await scene.request(requestId)).meeting?.booked).toBeUndefined();

    const second = scene.startWorker();
    await eventually(() => creates().length === 2, 'the second worker takes the stalled job up and creates again', 20_000);
    await second.kill();
    expect(eventsOf(requestId)).toHaveLength(1);
    expect((await scene.request(requestId)).meeting?.booked).toBeUndefined();

    const last = scene.startWorker();
    await eventually(async () => (await (await bookJob(requestId))?.getState()) === 'completed', 'the third worker books the request', 20_000);
    await harness.bot.settled(20_000);
    await last.stop();

    expect(creates()).toHaveLength(3);
    expect((await bookJob(requestId))?.stalledCounter).toBe(2);
    await expectBookedOnce(requestId, postsBefore);
  }, 120_000);

  it('tells every participant once after two kills while the booking is being announced', async ({ onTestFailed }) => {
    onTestFailed(() => console.error(scene.logs()));
    const { harness } = scene;
    const requestId = await proposed();
    const postsBefore = harness.connector.captured.length;
    // Teams hangs on the first message to each named worker: the booking is stored, the announcement half done.
    const hung = new Set([PSYCHIATRY_MEMBER, HEALTH_MEMBER].map((u) => harness.conversationId(u)));
    const seen = new Set<string>();
    harness.connector.holdWhen((post) => {
      if (post.method !== 'POST' || !hung.has(post.conversationId) || seen.has(post.conversationId)) return false;
      seen.add(post.conversationId);
      return true;
    });
    expect(typeof (await scene.clickNow(WORKER, Verb.chooseSlot, { requestId, index: 0 }))).toBe('object');

    const first = scene.startWorker();
    await eventually(() => harness.connector.held.length === 1, 'the first worker waits on the first named worker', 20_000);
    await first.kill();
    expect((await scene.request(requestId)).status).toBe('booked');

    const second = scene.startWorker();
    await eventually(() => harness.connector.held.length === 2, 'the second worker waits on the second named worker', 20_000);
    await second.kill();

    harness.connector.holdWhen(() => false);
    const last = scene.startWorker();
    await eventually(async () => (await (await bookJob(requestId))?.getState()) === 'completed', 'the third worker finishes the announcement', 20_000);
    await harness.bot.settled(20_000);
    await last.stop();

    expect((await bookJob(requestId))?.stalledCounter).toBe(2);
    await expectBookedOnce(requestId, postsBefore);
    // The meeting day still comes: the re-run scheduled what the first run had no time to.
    expect((await scene.jobs.getDelayed()).some((j) => j.name === 'meeting_day' && j.data?.requestId === requestId)).toBe(true);
  }, 120_000);
});
