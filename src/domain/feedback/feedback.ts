import type { LocalizedText } from '../locale.js';
import { textLimitProblem, type TextLimit } from '../card-text.js';
import { err, ok, type Result } from '../result.js';
import { findIdentifierKinds, findNameHints, type IdentifierKind } from '../privacy/identifier-guard.js';

/** One Likert question; its id names it in stored answers, so a reworded text keeps its history. */
export interface FeedbackQuestion {
  readonly id: string;
  readonly text: LocalizedText;
}

/** The questions the county asks after a meeting, read from a configuration file. */
export interface Questionnaire {
  readonly questions: readonly FeedbackQuestion[];
  /** The client's own rating, recorded by the chair. */
  readonly clientQuestion: LocalizedText;
}

export const LIKERT_MIN = 1;
export const LIKERT_MAX = 5;
/** The comment the feedback card gives back as typed: any script of it fits the card. */
export const COMMENT_LIMIT: TextLimit = { chars: 1000, bytes: 3000 };

/**
 * One person's feedback on one meeting. It names the meeting, its month and its units, never who
 * answered: reports aggregate answers and cannot single out a person's.
 */
export interface FeedbackAnswer {
  readonly requestId: string;
  readonly generation: number;
  /** yyyy-MM of the meeting. */
  readonly month: string;
  readonly unitIds: readonly string[];
  readonly respondent: 'worker' | 'client';
  /** Question id → 1..5; a question left unanswered is absent. */
  readonly scores: Readonly<Record<string, number>>;
  readonly comment: string;
}

export type FeedbackError =
  | { readonly code: 'feedback.not_participant' }
  | { readonly code: 'feedback.closed' }
  | { readonly code: 'feedback.empty' }
  | { readonly code: 'feedback.comment_too_long' }
  | { readonly code: 'feedback.identifiers_found'; readonly kinds: readonly IdentifierKind[] }
  | { readonly code: 'feedback.names_unconfirmed'; readonly names: readonly string[] };

/**
 * Scores must be known questions and within the scale; the comment goes through the same privacy
 * guard as a description, since it too must never identify the client.
 */
export function validateFeedback(
  questionnaire: Questionnaire,
  scores: Readonly<Record<string, number>>,
  comment: string,
  namesConfirmed: boolean,
): Result<{ scores: Record<string, number>; comment: string }, FeedbackError> {
  const known = new Set(questionnaire.questions.map((q) => q.id));
  const kept = Object.fromEntries(
    Object.entries(scores).filter(([id, score]) => known.has(id) && Number.isInteger(score) && score >= LIKERT_MIN && score <= LIKERT_MAX),
  );
  const text = comment.trim();
  if (Object.keys(kept).length === 0 && !text) return err({ code: 'feedback.empty' });
  if (textLimitProblem(text, COMMENT_LIMIT)) return err({ code: 'feedback.comment_too_long' });
  const kinds = findIdentifierKinds(text);
  if (kinds.length > 0) return err({ code: 'feedback.identifiers_found', kinds });
  const names = findNameHints(text);
  if (names.length > 0 && !namesConfirmed) return err({ code: 'feedback.names_unconfirmed', names });
  return ok({ scores: kept, comment: text });
}

/** The client's rating is one number on the same scale. */
export function validClientRating(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value >= LIKERT_MIN && value <= LIKERT_MAX ? value : undefined;
}
