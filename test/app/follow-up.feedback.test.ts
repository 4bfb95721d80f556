import { describe, expect, it } from 'vitest';
import { makeGiveFeedback, type FeedbackInput } from '../../src/app/follow-up/give-feedback.js';
import { makeOpenFeedback } from '../../src/app/follow-up/open-feedback.js';
import { appScene, expectDenied, refusal } from '../support/app-fakes.js';
import { PEOPLE, REQUEST_ID, actor, requestAt, type Stage } from '../support/app-requests.js';
import { QUESTIONNAIRE } from '../support/routing-fakes.js';

const [first, second] = QUESTIONNAIRE.questions.map((q) => q.id);
const answer: FeedbackInput = { generation: 1, scores: { [first!]: 4, [second!]: 5 }, comment: 'Työnjako selkeytyi.', namesConfirmed: false };

async function feedbackScene(stage: Stage = 'follow_up') {
  const scene = await appScene(requestAt(stage));
  return { ...scene, give: makeGiveFeedback(scene.deps), open: makeOpenFeedback(scene.deps) };
}

describe('giving feedback on a meeting', () => {
  it("stores a participant's answer for the meeting's month and units, and replaces it when given again", async () => {
    const { give, feedback } = await feedbackScene();
    expect(await give(actor(PEOPLE.healthMember), REQUEST_ID, answer)).toEqual({ ok: true, value: 'created' });
    expect(await feedback.answerOf(PEOPLE.healthMember, REQUEST_ID, 1)).toEqual({
      requestId: REQUEST_ID,
      generation: 1,
      month: '2026-12',
      unitIds: ['perhesosiaalityo', 'lastenpsykiatria', 'terveysasemat'],
      respondent: 'worker',
      scores: answer.scores,
      comment: answer.comment,
    });
    expect(await give(actor(PEOPLE.healthMember), REQUEST_ID, { ...answer, scores: { [first!]: 2 } })).toEqual({ ok: true, value: 'updated' });
    expect((await feedback.answerOf(PEOPLE.healthMember, REQUEST_ID, 1))?.scores).toEqual({ [first!]: 2 });
  });

  it("stores the chair's record of the client's own rating as an answer of its own", async () => {
    const { give, feedback } = await feedbackScene();
    expect(await give(actor(PEOPLE.worker), REQUEST_ID, { generation: 1, scores: {}, comment: '', clientRating: 5, namesConfirmed: false })).toEqual({ ok: true, value: 'created' });
    expect((await feedback.answerOf('client', REQUEST_ID, 1))?.scores).toEqual({ client: 5 });
    expect(await feedback.respondents(REQUEST_ID, 1)).toEqual(['client']);
  });

  it("answers the chair's second client rating alone as an update", async () => {
    const { give, feedback } = await feedbackScene();
    const rating = (clientRating: number): FeedbackInput => ({ generation: 1, scores: {}, comment: '', clientRating, namesConfirmed: false });
    await give(actor(PEOPLE.worker), REQUEST_ID, rating(5));
    expect(await give(actor(PEOPLE.worker), REQUEST_ID, rating(2))).toEqual({ ok: true, value: 'updated' });
    expect((await feedback.answerOf('client', REQUEST_ID, 1))?.scores).toEqual({ client: 2 });
  });

  it('ignores a client rating sent by anyone but the chair', async () => {
    const { give, feedback } = await feedbackScene();
    await give(actor(PEOPLE.healthMember), REQUEST_ID, { ...answer, clientRating: 1 });
    expect(await feedback.answerOf('client', REQUEST_ID, 1)).toBeUndefined();
  });

  it('refuses someone who was not in the meeting and audit-logs the attempt', async () => {
    const scene = await feedbackScene();
    await expectDenied(scene, await scene.give(actor(PEOPLE.psychiatryLead), REQUEST_ID, answer), PEOPLE.psychiatryLead, { code: 'feedback.not_participant' });
    expect(await scene.feedback.respondents(REQUEST_ID, 1)).toEqual([]);
  });

  it('refuses feedback once the case is closed', async () => {
    const { give, feedback } = await feedbackScene('closed');
    expect(await give(actor(PEOPLE.healthMember), REQUEST_ID, answer)).toEqual(refusal('feedback.closed'));
    expect(await feedback.respondents(REQUEST_ID, 1)).toEqual([]);
  });

  it('asks no feedback of a meeting where the client did not consent', async () => {
    const { give } = await feedbackScene('held');
    expect(await give(actor(PEOPLE.worker), REQUEST_ID, answer)).toEqual(refusal('feedback.not_participant'));
  });

  it('stores nothing of a comment that identifies the client', async () => {
    const { give, feedback } = await feedbackScene();
    const result = await give(actor(PEOPLE.healthMember), REQUEST_ID, { ...answer, comment: 'Asiakas 131052-308T kiitti.' });
    expect(result).toMatchObject({ ok: false, error: { code: 'feedback.identifiers_found' } });
    expect(await feedback.respondents(REQUEST_ID, 1)).toEqual([]);
  });
});

describe('opening the feedback card', () => {
  it("shows a participant their own earlier answer, and the chair the client's rating too", async () => {
    const { give, open } = await feedbackScene();
    await give(actor(PEOPLE.worker), REQUEST_ID, { ...answer, clientRating: 3 });
    const chair = await open(actor(PEOPLE.worker), REQUEST_ID, 1);
    expect(chair.ok && [chair.value.own?.scores, chair.value.clientRating]).toEqual([answer.scores, 3]);
    const named = await open(actor(PEOPLE.healthMember), REQUEST_ID, 1);
    expect(named.ok && [named.value.own, named.value.clientRating]).toEqual([undefined, undefined]);
  });

  it('refuses someone who was not in the meeting and audit-logs the attempt', async () => {
    const scene = await feedbackScene();
    await expectDenied(scene, await scene.open(actor(PEOPLE.supervisor), REQUEST_ID, 1), PEOPLE.supervisor, { code: 'feedback.not_participant' });
  });

  it('refuses a closed case, and a meeting round that never was', async () => {
    expect(await (await feedbackScene('closed')).open(actor(PEOPLE.healthMember), REQUEST_ID, 1)).toEqual(refusal('feedback.closed'));
    expect(await (await feedbackScene()).open(actor(PEOPLE.healthMember), REQUEST_ID, 2)).toEqual(refusal('feedback.not_participant'));
  });
});
