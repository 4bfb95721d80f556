import { describe, expect, it } from 'vitest';
import { validClientRating, validateFeedback } from '../../src/domain/feedback/feedback.js';
import { QUESTIONNAIRE } from '../support/routing-fakes.js';

describe('feedback answers', () => {
  it('keeps known questions on the 1–5 scale and drops anything else', () => {
    const valid = validateFeedback(QUESTIONNAIRE, { clarified: 5, division_of_work: 0, expertise_present: 2.5, unknown: 3 }, '', false);
    expect(valid).toEqual({ ok: true, value: { scores: { clarified: 5 }, comment: '' } });
  });

  it('refuses an empty answer and a comment that is too long', () => {
    expect(validateFeedback(QUESTIONNAIRE, {}, '  ', false)).toEqual({ ok: false, error: { code: 'feedback.empty' } });
    expect(validateFeedback(QUESTIONNAIRE, { clarified: 3 }, 'x'.repeat(1001), false)).toEqual({ ok: false, error: { code: 'feedback.comment_too_long' } });
  });

  it('puts the comment through the privacy guard: identifiers are refused, names must be confirmed', () => {
    const refused = validateFeedback(QUESTIONNAIRE, { clarified: 3 }, 'Asiakas 131052-308T oli paikalla', false);
    expect(refused.ok || refused.error.code).toBe('feedback.identifiers_found');
    const named = validateFeedback(QUESTIONNAIRE, { clarified: 3 }, 'Mikko kertoi tilanteestaan', false);
    expect(named.ok || named.error).toEqual({ code: 'feedback.names_unconfirmed', names: ['Mikko'] });
    expect(validateFeedback(QUESTIONNAIRE, { clarified: 3 }, 'Mikko kertoi tilanteestaan', true).ok).toBe(true);
  });

  it("takes the client's rating only as a whole number on the scale", () => {
    expect([0, 1, 5, 6, 2.5, undefined].map(validClientRating)).toEqual([undefined, 1, 5, undefined, undefined, undefined]);
  });
});
