import { z } from 'zod';
import { Verb } from '../../cards/verbs.js';
import type { FeedbackInput, GiveFeedbackError } from '../app/follow-up/give-feedback.js';
import type { Actor } from '../app/ports.js';
import type { Clock, StoredRequest } from '../app/ports.js';
import type { WorkflowError } from '../app/workflow/workflow-deps.js';
import { CLIENT_PRESENCE } from '../domain/collaboration/meeting-plan.js';
import type { OutcomeInput } from '../domain/collaboration/follow-up.js';
import type { FeedbackAnswer, Questionnaire } from '../domain/feedback/feedback.js';
import type { Result } from '../domain/result.js';
import { countyDate } from '../domain/time.js';
import { caseCard } from './cards/case-cards.js';
import { ownCaseView } from './cards/own-case-view.js';
import { feedbackCard, meetingDayCard } from './cards/follow-up-cards.js';
import { plainText } from './cards/plain-text.js';
import type { Presentation } from './cards/presentation.js';
import { requestIdSchema, toggle } from './card-payloads.js';
import { refusalReply, type BotReply } from './routing-controller.js';

export const FOLLOW_UP_VERBS: readonly string[] = [Verb.openMeetingRecord, Verb.recordMeeting, Verb.reconvene, Verb.closeCase, Verb.openFeedback, Verb.giveFeedback];

export interface OpenedFeedback {
  readonly stored: StoredRequest;
  readonly own?: FeedbackAnswer | undefined;
  readonly clientRating?: number | undefined;
}

type OpenFeedbackError = { readonly code: 'request.not_found' } | { readonly code: 'feedback.not_participant' } | { readonly code: 'feedback.closed' };

export interface FollowUpControllerDeps {
  readonly openMeetingRecord: (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly recordOutcome: (actor: Actor, requestId: string, input: OutcomeInput) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly reconvene: (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly closeCase: (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly openFeedback: (actor: Actor, requestId: string, generation: number) => Promise<Result<OpenedFeedback, OpenFeedbackError>>;
  readonly giveFeedback: (actor: Actor, requestId: string, input: FeedbackInput) => Promise<Result<'created' | 'updated', GiveFeedbackError>>;
  readonly questionnaire: Questionnaire;
  readonly clock: Clock;
}

const requestId = requestIdSchema;
const optionalDate = z
  .union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal('')])
  .optional()
  .transform((v) => v || undefined);
const score = z
  .union([z.enum(['1', '2', '3', '4', '5']), z.literal('')])
  .optional()
  .transform((v) => (v ? Number(v) : undefined));
const generation = z.coerce.number().int().min(1).max(1000);

/** A feedback card's question inputs are named after the questions: `q_<question id>`. */
const questionKey = /^q_[A-Za-z0-9_-]{1,64}$/;

/** Strict: a key the card does not send refuses the click. */
const payloads = {
  requestOnly: z.strictObject({ requestId }),
  record: z.strictObject({
    requestId,
    consent: z.enum(['given', 'not_given']),
    attendeeIds: z
      .string()
      .max(2000)
      .optional()
      .transform((v) => [...new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean))]),
    clientPresence: z.enum(CLIENT_PRESENCE),
    responsibleWorkerId: z.union([z.string().uuid(), z.literal('')]).optional().transform((v) => v || undefined),
    nextMeetingDate: optionalDate,
    consentValidUntil: optionalDate,
  }),
  feedbackRef: z.strictObject({ requestId, generation }),
  feedback: z
    .object({
      requestId,
      generation,
      comment: z.string().max(5000).optional().transform((v) => v ?? ''),
      clientRating: score,
      confirmNames: toggle,
    })
    .catchall(score)
    .superRefine((data, ctx) => {
      const known = ['requestId', 'generation', 'comment', 'clientRating', 'confirmNames'];
      for (const key of Object.keys(data)) {
        if (!known.includes(key) && !questionKey.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'not an input of the feedback card' });
      }
    }),
};

/** The meeting's record, re-convening, closing and feedback behind their cards. */
export class FollowUpController {
  constructor(private readonly deps: FollowUpControllerDeps) {}

  async handle(actor: Actor, verb: string, data: unknown, p: Presentation): Promise<BotReply> {
    switch (verb) {
      case Verb.openMeetingRecord: {
        const parsed = payloads.requestOnly.safeParse(data);
        if (!parsed.success) return this.invalid(p);
        const opened = await this.deps.openMeetingRecord(actor, parsed.data.requestId);
        return opened.ok ? { card: meetingDayCard(p, opened.value) } : this.refusal(p, opened.error);
      }
      case Verb.recordMeeting: {
        const parsed = payloads.record.safeParse(data);
        if (!parsed.success) return this.invalid(p);
        const { requestId: id, ...input } = parsed.data;
        const recorded = await this.deps.recordOutcome(actor, id, input);
        if (!recorded.ok) return this.refusal(p, recorded.error);
        const banner = { text: p.t('outcome.recorded', { reference: recorded.value.request.reference ?? '' }), style: 'good' as const };
        return this.caseReply(p, recorded.value, actor, banner);
      }
      case Verb.reconvene:
      case Verb.closeCase: {
        const parsed = payloads.requestOnly.safeParse(data);
        if (!parsed.success) return this.invalid(p);
        const act = verb === Verb.reconvene ? this.deps.reconvene : this.deps.closeCase;
        const done = await act(actor, parsed.data.requestId);
        if (!done.ok) return this.refusal(p, done.error);
        const text = verb === Verb.reconvene ? p.t('outcome.reconvening') : p.t('outcome.closedNotice', { reference: done.value.request.reference ?? '' });
        return this.caseReply(p, done.value, actor, { text, style: 'good' });
      }
      case Verb.openFeedback: {
        const parsed = payloads.feedbackRef.safeParse(data);
        if (!parsed.success) return this.invalid(p);
        const opened = await this.deps.openFeedback(actor, parsed.data.requestId, parsed.data.generation);
        if (!opened.ok) return { message: p.t(`errors.${opened.error.code}`) };
        const { stored, own, clientRating } = opened.value;
        return { card: feedbackCard(p, stored, this.deps.questionnaire, { generation: parsed.data.generation, asChair: this.isChair(stored, actor, parsed.data.generation), own, clientRating }) };
      }
      case Verb.giveFeedback:
        return this.giveFeedback(actor, data, p);
      default:
        return this.invalid(p);
    }
  }

  /**
   * A refused answer comes back on the same card with what was typed, so nothing is lost; an
   * accepted one shows the answer as stored, still editable.
   */
  private async giveFeedback(actor: Actor, data: unknown, p: Presentation): Promise<BotReply> {
    const parsed = payloads.feedback.safeParse(data);
    if (!parsed.success) return this.invalid(p);
    const { requestId: id, generation: round, comment, clientRating, confirmNames, ...answers } = parsed.data;
    const scores: Record<string, number> = {};
    for (const question of this.deps.questionnaire.questions) {
      const value = answers[`q_${question.id}`];
      if (value !== undefined) scores[question.id] = value;
    }
    const given = await this.deps.giveFeedback(actor, id, { generation: round, scores, comment, clientRating, namesConfirmed: confirmNames });
    if (!given.ok && given.error.code === 'feedback.not_participant') return { message: p.t(`errors.${given.error.code}`) };
    const opened = await this.deps.openFeedback(actor, id, round);
    if (!opened.ok) return { message: p.t(`errors.${opened.error.code}`) };
    const { stored } = opened.value;
    const asChair = this.isChair(stored, actor, round);
    if (!given.ok) {
      const error = given.error;
      const text = error.code === 'feedback.names_unconfirmed' ? p.t(`errors.${error.code}`, { names: error.names.map(plainText).join(', ') }) : p.t(`errors.${error.code}`);
      const typed: FeedbackAnswer = { requestId: id, generation: round, month: '', unitIds: [], respondent: 'worker', scores, comment };
      const nameHints = error.code === 'feedback.names_unconfirmed' ? error.names : undefined;
      return { card: feedbackCard(p, stored, this.deps.questionnaire, { generation: round, asChair, own: typed, clientRating, nameHints, banner: { text, style: 'attention' } }) };
    }
    const banner = { text: p.t(given.value === 'created' ? 'feedback.thanks' : 'feedback.updated'), style: 'good' as const };
    return { card: feedbackCard(p, stored, this.deps.questionnaire, { generation: round, asChair, own: opened.value.own, clientRating: opened.value.clientRating, banner }) };
  }

  private isChair(stored: StoredRequest, actor: Actor, round: number): boolean {
    return stored.request.outcomes?.find((o) => o.generation === round)?.recordedBy === actor.id;
  }

  /** The reader's own view of the case: the chair's status view, or a named worker's view. */
  private caseReply(p: Presentation, stored: StoredRequest, actor: Actor, banner: { text: string; style: 'good' }): BotReply {
    const view = ownCaseView(stored.request, actor.id);
    return { card: caseCard(p, stored, view, { today: countyDate(this.deps.clock.now()), banner }), view, requestId: stored.request.id };
  }

  private refusal(p: Presentation, error: WorkflowError): BotReply {
    return refusalReply(p, error);
  }

  private invalid(p: Presentation): BotReply {
    return { message: p.t('errors.unknownAction') };
  }
}
