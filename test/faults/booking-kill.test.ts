import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { plusDays } from '../../src/domain/slots/calendar-days.js';
import { countyDate } from '../../src/domain/time.js';
import { SUPERVISOR, WORKER, cardOf, texts, type TestUser } from '../support/bot-harness.js';
import { eventually } from '../support/effect-worker-process.js';
import { sendAndApprove } from '../support/flows.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, directory } from '../support/people.js';
import { WorkerScene } from '../support/worker-scene.js';

const email = (user: TestUser) => directory.person(user.aadObjectId)!.email!;

describe('an effect worker killed between creating the Teams meeting and storing it', () => {
  let sandbox: GraphSandbox;
  let scene: WorkerScene;

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    scene = await WorkerScene.start({ ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' });
  }, 30_000);
  afterAll(async () => {
    await scene?.close();
    await sandbox?.stop();
  });

  it('ends, after two kills on the same job, with one event, the request booked with it and each participant told once', async ({ onTestFailed }) => {
    onTestFailed(() => console.error(scene.logs()));
    const { harness } = scene;
    const setup = scene.startWorker();
    await setup.running();
    for (const user of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER]) await harness.say(user, 'hei');
    const requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    const processingDate = plusDays(countyDate(new Date()), 2);
    for (const [lead, unitId, worker] of [
      [PSYCHIATRY_LEAD, 'lastenpsykiatria', PSYCHIATRY_MEMBER],
      [HEALTH_LEAD, 'terveysasemat', HEALTH_MEMBER],
    ] as const) {
      await harness.click(lead, Verb.acknowledge, { requestId, unitId, processingDate });
      await harness.click(lead, Verb.nameWorker, { requestId, unitId, workerId: worker.aadObjectId });
    }
    expect((await scene.request(requestId)).status).toBe('meeting_proposed');
    await setup.stop();

    const participants = [WORKER, PSYCHIATRY_MEMBER, HEALTH_MEMBER];
    const postsBefore = harness.connector.captured.length;
    const ours = () => sandbox.calendars.eventsOf(email(WORKER)).filter((e) => e.transactionId?.includes(requestId));
    const creates = () => sandbox.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/events') && r.body.includes(requestId));
    // Graph commits each of the first two creates and then holds its answer: the worker waiting for it dies.
    sandbox.faults.inject({ kind: 'delay', ms: 120_000, afterWork: true }, 2, /\/events$/);
    expect(typeof (await scene.clickNow(WORKER, Verb.chooseSlot, { requestId, index: 0 }))).toBe('object');

    const first = scene.startWorker();
    await eventually(() => ours().length === 1, 'the first worker has created the event', 20_000);
    await first.kill();
    expect((await scene.request(requestId)).meeting?.booked).toBeUndefined();

    const second = scene.startWorker();
    await eventually(() => creates().length === 2, 'the second worker takes the stalled job up and creates again', 20_000);
    await second.kill();
    expect(ours()).toHaveLength(1);
    expect((await scene.request(requestId)).meeting?.booked).toBeUndefined();

    const last = scene.startWorker();
    await eventually(async () => (await scene.request(requestId)).status === 'booked', 'the third worker books the request', 20_000);
    await harness.bot.settled(20_000);
    await last.stop();

    const [event] = ours();
    expect(ours()).toHaveLength(1);
    expect(creates()).toHaveLength(3);
    expect((await scene.request(requestId)).meeting?.booked?.eventId).toBe(event!.id);
    for (const user of [PSYCHIATRY_MEMBER, HEALTH_MEMBER]) expect(sandbox.calendars.eventsOf(email(user)), user.name).toHaveLength(1);
    expect((await scene.auditActions(requestId)).filter((action) => action === 'request.booked')).toHaveLength(1);
    const sent = harness.connector.captured.slice(postsBefore).filter((c) => c.method === 'POST');
    for (const user of participants) {
      const told = sent.filter((c) => c.conversationId === harness.conversationId(user));
      expect(told, user.name).toHaveLength(1);
      expect(texts(cardOf(told[0]!.activity)!).some((line) => line.startsWith('Tapaaminen: ')), user.name).toBe(true);
    }
    expect(sent.map((c) => c.conversationId).sort()).toEqual(participants.map((u) => harness.conversationId(u)).sort());
    const [book] = (await scene.jobs.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed'])).filter((j) => j.name === 'book');
    expect(await book?.getState()).toBe('completed');
    expect(book?.stalledCounter).toBe(2);
    expect(await scene.jobs.getJobCounts('failed', 'active', 'waiting')).toEqual({ failed: 0, active: 0, waiting: 0 });
  }, 120_000);
});
