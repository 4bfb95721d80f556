import { feedbackAskedOf, handledOutcome } from '../../domain/collaboration/follow-up.js';
import { validClientRating, validateFeedback, type FeedbackError } from '../../domain/feedback/feedback.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../ports.js';
import { recordDenied } from '../workflow/apply-decision.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export interface FeedbackInput {
  readonly generation: number;
  readonly scores: Readonly<Record<string, number>>;
  readonly comment: string;
  readonly clientRating?: number | undefined;
  readonly namesConfirmed: boolean;
}

export type GiveFeedbackError = FeedbackError | { readonly code: 'request.not_found' };

/**
 * One answer per person per meeting, replaced when given again until the case closes. The chair
 * may add the client's own rating, stored as an answer of its own.
 */
export function makeGiveFeedback(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string, input: FeedbackInput): Promise<Result<'created' | 'updated', GiveFeedbackError>> => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' });
    const { request } = stored;
    const outcome = handledOutcome(request, input.generation);
    if (!outcome || !feedbackAskedOf(outcome).includes(actor.id)) {
      await recordDenied(deps, actor, requestId);
      return err({ code: 'feedback.not_participant' });
    }
    if (request.status === 'closed' || request.status === 'withdrawn') return err({ code: 'feedback.closed' });
    const clientRating = outcome.recordedBy === actor.id ? validClientRating(input.clientRating) : undefined;
    const valid = validateFeedback(deps.followUp.questionnaire, input.scores, input.comment, input.namesConfirmed);
    if (!valid.ok && !(valid.error.code === 'feedback.empty' && clientRating !== undefined)) return valid;
    const meeting = {
      requestId,
      generation: input.generation,
      month: outcome.date.slice(0, 7),
      unitIds: [...new Set([request.sendingUnitId ?? '', ...request.units.map((u) => u.unitId)].filter(Boolean))],
    };
    const clientSaved = clientRating === undefined ? undefined : await deps.followUp.feedback.save('client', { ...meeting, respondent: 'client', scores: { client: clientRating }, comment: '' });
    if (!valid.ok) return ok(clientSaved ?? 'created');
    return ok(await deps.followUp.feedback.save(actor.id, { ...meeting, respondent: 'worker', ...valid.value }));
  };
}
