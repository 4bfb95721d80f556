import { describe, expect, it } from 'vitest';
import type { FeedbackStore } from '../../../src/app/ports.js';
import type { FeedbackAnswer } from '../../../src/domain/feedback/feedback.js';

const answer = (change: Partial<FeedbackAnswer> = {}): FeedbackAnswer => ({
  requestId: 'r1',
  generation: 1,
  month: '2026-12',
  unitIds: ['perhesosiaalityo', 'terveysasemat'],
  respondent: 'worker',
  scores: { clarified: 4 },
  comment: '',
  ...change,
});

/** A worker answer's figures: one answer, and its score of the one question. */
const counted = (answers: number, scoreSum: number) => ({ workerAnswers: answers, 'q.clarified.sum': scoreSum, 'q.clarified.n': answers });

export function describeFeedbackStoreContract(name: string, make: () => FeedbackStore): void {
  describe(`feedback store contract (${name})`, () => {
    it("keeps one answer per person and meeting: a second save replaces the first", async () => {
      const store = make();
      expect(await store.save('person-a', answer({ scores: { clarified: 2 } }))).toBe('created');
      expect(await store.save('person-a', answer({ scores: { clarified: 5 }, comment: 'Hyvä.' }))).toBe('updated');
      expect(await store.answerOf('person-a', 'r1', 1)).toEqual(answer({ scores: { clarified: 5 }, comment: 'Hyvä.' }));
      expect(await store.monthFigures(['terveysasemat'], ['2026-12'])).toEqual([[counted(1, 5)]]);
    });

    it("keeps a person's answers to another meeting of the request apart", async () => {
      const store = make();
      await store.save('person-a', answer());
      expect(await store.save('person-a', answer({ generation: 2 }))).toBe('created');
      expect(await store.answerOf('person-a', 'r1', 3)).toBeUndefined();
      expect(await store.answerOf('person-b', 'r1', 1)).toBeUndefined();
    });

    it('names who answered a meeting, never the client', async () => {
      const store = make();
      await store.save('person-b', answer());
      await store.save('person-a', answer());
      await store.save('client', answer({ respondent: 'client', scores: { client: 3 } }));
      await store.save('person-c', answer({ generation: 2 }));
      expect((await store.respondents('r1', 1)).sort()).toEqual(['person-a', 'person-b']);
      expect(await store.respondents('r2', 1)).toEqual([]);
    });

    it("counts answers in the month figures of every unit of the meeting, by the meeting's month", async () => {
      const store = make();
      await store.save('a', answer({ month: '2026-10', scores: { clarified: 1 } }));
      await store.save('b', answer({ month: '2026-11', scores: { clarified: 2 }, requestId: 'r2' }));
      await store.save('c', answer({ month: '2026-12', scores: { clarified: 3 }, requestId: 'r3', unitIds: ['lastenpsykiatria'] }));
      await store.save('d', answer({ month: '2027-01', scores: { clarified: 4 }, requestId: 'r4' }));
      expect(await store.monthFigures(['terveysasemat', 'lastenpsykiatria'], ['2026-11', '2026-12'])).toEqual([
        [counted(1, 2), {}],
        [{}, counted(1, 3)],
      ]);
      expect(await store.monthFigures(['kotihoito'], ['2026-10', '2026-11', '2026-12', '2027-01'])).toEqual([[{}, {}, {}, {}]]);
      expect(await store.monthFigures(['perhesosiaalityo'], ['2026-10', '2027-01'])).toEqual([[counted(1, 1), counted(1, 4)]]);
      expect(await store.monthFigures([], ['2026-10'])).toEqual([]);
    });

    it("forgets the comments of one request's answers and keeps their scores", async () => {
      const store = make();
      await store.save('a', answer({ comment: 'Ensimmäinen.' }));
      await store.save('b', answer({ generation: 2, comment: 'Toinen.', scores: { clarified: 2 } }));
      await store.save('c', answer({ requestId: 'r2', comment: 'Pysyy.' }));
      await store.forgetComments('r1');
      const answers = [await store.answerOf('a', 'r1', 1), await store.answerOf('b', 'r1', 2), await store.answerOf('c', 'r2', 1)];
      expect(answers.map((a) => `${a?.requestId}:${a?.scores.clarified}:${a?.comment}`)).toEqual(['r1:4:', 'r1:2:', 'r2:4:Pysyy.']);
      expect(await store.monthFigures(['terveysasemat'], ['2026-12'])).toEqual([[counted(3, 10)]]);
    });

    it('keeps one answer when a person saves twice at once', async () => {
      const store = make();
      await Promise.all([store.save('person-a', answer({ scores: { clarified: 1 } })), store.save('person-a', answer({ scores: { clarified: 2 } }))]);
      const figures = (await store.monthFigures(['terveysasemat'], ['2026-12']))[0]?.[0];
      expect(figures).toMatchObject({ workerAnswers: 1, 'q.clarified.n': 1 });
      expect([1, 2]).toContain(figures?.['q.clarified.sum']);
      expect(await store.respondents('r1', 1)).toEqual(['person-a']);
    });
  });
}
