import { z } from 'zod';
import type { FeedbackAnswer } from '../../domain/feedback/feedback.js';
import { objectOf, oneOf } from './stored-record.js';

/** A feedback answer, as it reads once decrypted. */
export const feedbackAnswerSchema = objectOf<FeedbackAnswer>({
  requestId: z.string(),
  generation: z.number().int(),
  month: z.string(),
  unitIds: z.array(z.string()),
  respondent: oneOf<FeedbackAnswer['respondent']>({ worker: true, client: true }),
  scores: z.record(z.string(), z.number()),
  comment: z.string(),
});
