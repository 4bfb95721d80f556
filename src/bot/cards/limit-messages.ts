import { textLimitProblem, textLimitUsed, type TextLimit } from '../../domain/card-text.js';
import type { Translate } from '../../i18n/translator.js';

/**
 * Why a typed text is refused, next to its field: over its characters, or over the room it may
 * take in a card, with about how many characters to cut. The text stays on the card as typed.
 */
export function limitProblemText(t: Translate, typed: string, limit: TextLimit): string | undefined {
  const problem = textLimitProblem(typed, limit);
  if (!problem) return undefined;
  return problem.kind === 'chars' ? t('validation.tooLong', { length: problem.length, max: problem.max }) : t('validation.tooMuchRoom', { count: problem.excess });
}

/** Under a field: its limit, and once something is typed, how much of it is used, by room where that binds first. */
export function limitHintText(t: Translate, typed: string, limit: TextLimit): string {
  if (typed.length === 0) return t('validation.limit', { max: limit.chars });
  const used = textLimitUsed(typed, limit);
  return used.byRoom ? t('validation.limitUsedRoom', { length: typed.length, max: limit.chars, percent: used.percent }) : t('validation.limitUsed', { length: typed.length, max: limit.chars });
}
