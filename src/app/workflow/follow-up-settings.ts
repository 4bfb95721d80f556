import type { Questionnaire } from '../../domain/feedback/feedback.js';
import type { FeedbackStore } from '../ports.js';

/** What the steps after the meeting need: the county's feedback questions and its retention rule. */
export interface FollowUpSettings {
  readonly feedback: FeedbackStore;
  readonly questionnaire: Questionnaire;
  /** County time of day (HH:mm) on the meeting's day when feedback is asked. */
  readonly feedbackTime: string;
  /** Days a closed or withdrawn request keeps its description. */
  readonly retentionDays: number;
}
