import type { FeedbackStore } from '../../src/app/ports.js';
import type { FeedbackAnswer } from '../../src/domain/feedback/feedback.js';
import { answerContributions, type MonthCounters } from '../../src/domain/metrics/month-figures.js';
import { countersOf } from './month-figures.js';

/** Feedback in memory, one answer per respondent and meeting. */
export class InMemoryFeedbackStore implements FeedbackStore {
  private readonly answers = new Map<string, { respondentId: string; row: string }>();

  async save(respondentId: string, answer: FeedbackAnswer): Promise<'created' | 'updated'> {
    const key = JSON.stringify([answer.requestId, answer.generation, respondentId]);
    const existed = this.answers.has(key);
    this.answers.set(key, { respondentId, row: JSON.stringify(answer) });
    return existed ? 'updated' : 'created';
  }

  async answerOf(respondentId: string, requestId: string, generation: number): Promise<FeedbackAnswer | undefined> {
    const stored = this.answers.get(JSON.stringify([requestId, generation, respondentId]));
    return stored ? (JSON.parse(stored.row) as FeedbackAnswer) : undefined;
  }

  async respondents(requestId: string, generation: number): Promise<string[]> {
    return this.all()
      .filter(({ answer }) => answer.requestId === requestId && answer.generation === generation)
      .flatMap(({ respondentId }) => (respondentId === 'client' ? [] : [respondentId]));
  }

  async monthFigures(unitIds: readonly string[], months: readonly string[]): Promise<MonthCounters[][]> {
    return countersOf(this.all().flatMap(({ answer }) => answerContributions(answer)), unitIds, months);
  }

  async forgetComments(requestId: string): Promise<void> {
    for (const [key, { respondentId, row }] of this.answers) {
      const answer = JSON.parse(row) as FeedbackAnswer;
      if (answer.requestId === requestId) this.answers.set(key, { respondentId, row: JSON.stringify({ ...answer, comment: '' }) });
    }
  }

  private all(): { respondentId: string; answer: FeedbackAnswer }[] {
    return [...this.answers.values()].map(({ respondentId, row }) => ({ respondentId, answer: JSON.parse(row) as FeedbackAnswer }));
  }
}
