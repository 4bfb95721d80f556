import type { MeetingOutcome } from '../../domain/collaboration/meeting-plan.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { validClientRating, validateFeedback, type FeedbackError } from '../../domain/feedback/feedback.js';
import { err, ok, type Result } from '../../domain/result.js';
import { countyDate } from '../../domain/time.js';
import type { Actor } from '../intake/intake-deps.js';
import type { StoredRequest } from '../ports.js';
import { recordDenied } from '../routing/apply-decision.js';
import { notifyOnce } from '../routing/notify-once.js';
import { dueIn } from '../routing/reminders.js';
import type { RoutingDeps } from '../routing/routing-deps.js';

export interface FeedbackInput {
  readonly generation: number;
  readonly scores: Readonly<Record<string, number>>;
  readonly comment: string;
  readonly clientRating?: number | undefined;
  readonly namesConfirmed: boolean;
}

export type GiveFeedbackError = FeedbackError | { readonly code: 'request.not_found' };

/** Who is asked: the workers the chair marked present (the chair among them). */
function askedOf(outcome: MeetingOutcome): string[] {
  return [...new Set([outcome.recordedBy, ...outcome.attendeeIds])];
}

function handledOutcome(request: CollaborationRequest, generation: number): MeetingOutcome | undefined {
  const outcome = request.outcomes?.find((o) => o.generation === generation);
  return outcome?.consent === 'given' ? outcome : undefined;
}

/** The feedback cards go to everyone present; those who have not answered by the next working day are reminded once. */
export async function askForFeedback(deps: RoutingDeps, stored: StoredRequest, generation: number): Promise<void> {
  const { request } = stored;
  const outcome = handledOutcome(request, generation);
  if (!outcome || request.status === 'closed') return;
  await notifyOnce(deps, stored, `feedback-${request.id}-g${generation}`, askedOf(outcome), (to) => ({ kind: 'feedback_requested', to, generation }));
  await deps.effects.enqueue(
    { kind: 'feedback_reminder', requestId: request.id, generation },
    `feedback-reminder-${request.id}-g${generation}`,
    dueIn(deps, countyDate(deps.clock.now()), 1),
  );
}

export async function remindOfFeedback(deps: RoutingDeps, stored: StoredRequest, generation: number): Promise<void> {
  const { request } = stored;
  const outcome = handledOutcome(request, generation);
  if (!outcome || request.status === 'closed') return;
  const answered = new Set(await deps.followUp.feedback.respondents(request.id, generation));
  const waiting = askedOf(outcome).filter((id) => !answered.has(id));
  await notifyOnce(deps, stored, `feedback-reminder-${request.id}-g${generation}`, waiting, (to) => ({ kind: 'feedback_reminder', to, generation }));
}

/** The feedback card for one person: the meeting must be theirs and the case still open. */
export function makeOpenFeedback(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string, generation: number) => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' as const });
    const outcome = handledOutcome(stored.request, generation);
    if (!outcome || !askedOf(outcome).includes(actor.id)) {
      await recordDenied(deps, actor, requestId);
      return err({ code: 'feedback.not_participant' as const });
    }
    if (stored.request.status === 'closed' || stored.request.status === 'withdrawn') return err({ code: 'feedback.closed' as const });
    const feedback = deps.followUp.feedback;
    const own = await feedback.answerOf(actor.id, requestId, generation);
    const client = outcome.recordedBy === actor.id ? await feedback.answerOf('client', requestId, generation) : undefined;
    return ok({ stored, own, clientRating: client?.scores.client });
  };
}

/**
 * One answer per person per meeting, replaced when given again until the case closes. The chair
 * may add the client's own rating, stored as an answer of its own.
 */
export function makeGiveFeedback(deps: RoutingDeps) {
  return async (actor: Actor, requestId: string, input: FeedbackInput): Promise<Result<'created' | 'updated', GiveFeedbackError>> => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' });
    const { request } = stored;
    const outcome = handledOutcome(request, input.generation);
    if (!outcome || !askedOf(outcome).includes(actor.id)) {
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
    if (clientRating !== undefined) {
      await deps.followUp.feedback.save('client', { ...meeting, respondent: 'client', scores: { client: clientRating }, comment: '' });
    }
    if (!valid.ok) return ok('created');
    return ok(await deps.followUp.feedback.save(actor.id, { ...meeting, respondent: 'worker', ...valid.value }));
  };
}
