import { z } from 'zod';
import type { FeedbackInput, GiveFeedbackError } from '../app/follow-up/give-feedback.js';
import type { Actor, Clock, StoredRequest } from '../app/ports.js';
import type { Viewed } from '../app/routing/view-request.js';
import type { StepOptions } from '../app/workflow/apply-decision.js';
import type { WorkflowError } from '../app/workflow/workflow-deps.js';
import { CLIENT_PRESENCE } from '../domain/collaboration/meeting-plan.js';
import type { OutcomeProblem } from '../domain/collaboration/errors.js';
import type { OutcomeInput } from '../domain/collaboration/follow-up.js';
import type { FeedbackAnswer, Questionnaire } from '../domain/feedback/feedback.js';
import type { Result } from '../domain/result.js';
import { countyDate } from '../domain/time.js';
import type { Presentation } from '../i18n/presentation.js';
import { plainText } from '../domain/card-text.js';
import { confirmationInputs, namesItsVersion, requestIdSchema, toggle } from './card-payloads.js';
import type { CaseCardOptions } from './cards/case-cards.js';
import { confirmCard } from './cards/confirm-cards.js';
import { feedbackCard, meetingDayCard, type MeetingDayInputs } from './cards/follow-up-cards.js';
import { ownCaseView } from './cards/own-case-view.js';
import { caseReply, refusalReply, refusalText, unknownAction } from './replies.js';
import type { ActionCall, BotReply } from './turn.js';

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
  readonly closeCase: (actor: Actor, requestId: string, options?: StepOptions) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly viewRequest: (actor: Actor, requestId: string) => Promise<Result<Viewed, WorkflowError>>;
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
  confirmable: z.strictObject({ requestId, ...confirmationInputs }).refine(namesItsVersion),
  // Consent, attendance and presence may be missing: the chair is told so next to the field.
  record: z.strictObject({
    requestId,
    consent: z.union([z.enum(['given', 'not_given']), z.literal('')]).optional().transform((v) => v || undefined),
    attendeeIds: z
      .string()
      .max(2000)
      .optional()
      .transform((v) => [...new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean))]),
    clientPresence: z.union([z.enum(CLIENT_PRESENCE), z.literal('')]).optional().transform((v) => v || undefined),
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

  async openMeetingRecord({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.requestOnly.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const opened = await this.deps.openMeetingRecord(actor, payload.requestId);
    return opened.ok ? { card: meetingDayCard(p, opened.value) } : this.refused({ actor, p }, payload.requestId, opened.error);
  }

  /** An incomplete record comes back on the same card, each missing fact named next to its field, every choice kept. */
  async recordMeeting({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.record.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const { requestId: id, ...input } = payload;
    const recorded = await this.deps.recordOutcome(actor, id, input);
    if (recorded.ok) return this.caseReply(p, recorded.value, actor, { text: p.t('outcome.recorded', { reference: recorded.value.request.reference ?? '' }), style: 'good' });
    if (recorded.error.code !== 'request.outcome_incomplete') return this.refused({ actor, p }, id, recorded.error);
    const opened = await this.deps.openMeetingRecord(actor, id);
    if (!opened.ok) return this.refused({ actor, p }, id, opened.error);
    const typed: MeetingDayInputs = {
      consent: input.consent ?? '',
      attendeeIds: input.attendeeIds.join(','),
      clientPresence: input.clientPresence ?? '',
      responsibleWorkerId: input.responsibleWorkerId ?? '',
      nextMeetingDate: input.nextMeetingDate ?? '',
      consentValidUntil: input.consentValidUntil ?? '',
    };
    const fieldErrors = problemTexts(p, recorded.error.problems);
    return { card: meetingDayCard(p, opened.value, { text: p.t('validation.fixBelow'), style: 'attention' }, { typed, fieldErrors }) };
  }

  async reconvene({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.requestOnly.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const done = await this.deps.reconvene(actor, payload.requestId);
    return done.ok ? this.caseReply(p, done.value, actor, { text: p.t('outcome.reconvening'), style: 'good' }) : this.refused({ actor, p }, payload.requestId, done.error);
  }

  /** Closing asks first, in the same card; only the confirmation, on the version it was shown, closes. */
  async closeCase({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.confirmable.safeParse(data).data;
    if (!payload) return unknownAction(p);
    if (!payload.confirmed) {
      const checked = await this.deps.closeCase(actor, payload.requestId, { preview: true });
      if (!checked.ok) return this.refused({ actor, p }, payload.requestId, checked.error);
      const { request } = checked.value;
      return { card: confirmCard(p, { step: 'closeCase', requestId: request.id, version: request.version, text: p.t('confirm.closeCase', { reference: request.reference ?? '' }) }) };
    }
    const done = await this.deps.closeCase(actor, payload.requestId, { expectedVersion: payload.version });
    if (!done.ok) return this.refused({ actor, p }, payload.requestId, done.error);
    return this.caseReply(p, done.value, actor, { text: p.t('outcome.closedNotice', { reference: done.value.request.reference ?? '' }), style: 'good' });
  }

  async openFeedback({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.feedbackRef.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const opened = await this.deps.openFeedback(actor, payload.requestId, payload.generation);
    if (!opened.ok && opened.error.code === 'feedback.closed') {
      // Feedback is over: the clicked card becomes the case as it is now, saying so.
      const viewed = await this.deps.viewRequest(actor, payload.requestId);
      if (viewed.ok) return this.caseReply(p, viewed.value.stored, actor, { text: p.t('errors.feedback.closed'), style: 'attention' });
    }
    if (!opened.ok) return { message: p.t(`errors.${opened.error.code}`) };
    const { stored, own, clientRating } = opened.value;
    const asChair = this.isChair(stored, actor, payload.generation);
    return { card: feedbackCard(p, stored, this.deps.questionnaire, { generation: payload.generation, asChair, own, clientRating }) };
  }

  /**
   * A refused answer comes back on the same card with what was typed, so nothing is lost; an
   * accepted one shows the answer as stored, still editable.
   */
  async giveFeedback({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.feedback.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const { requestId: id, generation: round, comment, clientRating, confirmNames, ...answers } = payload;
    const scores: Record<string, number> = {};
    for (const question of this.deps.questionnaire.questions) {
      const value = answers[`q_${question.id}`];
      if (value !== undefined) scores[question.id] = value;
    }
    const given = await this.deps.giveFeedback(actor, id, { generation: round, scores, comment, clientRating, namesConfirmed: confirmNames });
    if (!given.ok && given.error.code === 'feedback.not_participant') return { message: p.t(`errors.${given.error.code}`) };
    const opened = await this.deps.openFeedback(actor, id, round);
    if (!opened.ok && opened.error.code === 'feedback.closed') {
      // The case closed while the card was open: the card says so, with the answer as typed.
      const viewed = await this.deps.viewRequest(actor, id);
      if (!viewed.ok) return { message: p.t('errors.feedback.closed') };
      const typed: FeedbackAnswer = { requestId: id, generation: round, month: '', unitIds: [], respondent: 'worker', scores, comment };
      const asChair = this.isChair(viewed.value.stored, actor, round);
      const banner = { text: p.t('errors.feedback.closed'), style: 'attention' as const };
      return { card: feedbackCard(p, viewed.value.stored, this.deps.questionnaire, { generation: round, asChair, own: typed, clientRating, banner }) };
    }
    if (!opened.ok) return { message: p.t(`errors.${opened.error.code}`) };
    const { stored } = opened.value;
    const asChair = this.isChair(stored, actor, round);
    if (!given.ok) {
      const error = given.error;
      const text = error.code === 'feedback.names_unconfirmed' ? p.t(`errors.${error.code}`, { names: error.names.map(plainText).join(', '), count: error.names.length }) : p.t(`errors.${error.code}`);
      const typed: FeedbackAnswer = { requestId: id, generation: round, month: '', unitIds: [], respondent: 'worker', scores, comment };
      const nameHints = error.code === 'feedback.names_unconfirmed' ? error.names : undefined;
      return { card: feedbackCard(p, stored, this.deps.questionnaire, { generation: round, asChair, own: typed, clientRating, nameHints, banner: { text, style: 'attention' } }) };
    }
    const banner = { text: p.t(given.value === 'created' ? 'feedback.thanks' : 'feedback.updated'), style: 'good' as const };
    return { card: feedbackCard(p, stored, this.deps.questionnaire, { generation: round, asChair, own: opened.value.own, clientRating: opened.value.clientRating, banner }) };
  }

  /** A refused step is answered in the clicked card: the case as it is now, and why not. */
  private async refused({ actor, p }: { actor: Actor; p: Presentation }, requestId: string, error: WorkflowError): Promise<BotReply> {
    if (error.code === 'request.not_permitted' || error.code === 'request.not_found') return refusalReply(p, error);
    const current = await this.deps.viewRequest(actor, requestId);
    if (!current.ok) return refusalReply(p, error);
    return this.caseReply(p, current.value.stored, actor, { text: refusalText(p, error), style: 'attention' });
  }

  private isChair(stored: StoredRequest, actor: Actor, round: number): boolean {
    return stored.request.outcomes?.find((o) => o.generation === round)?.recordedBy === actor.id;
  }

  /** The reader's own view of the case: the chair's status view, or a named worker's view. */
  private caseReply(p: Presentation, stored: StoredRequest, actor: Actor, banner: CaseCardOptions['banner']): BotReply {
    return caseReply(p, stored, ownCaseView(stored.request, actor.id), countyDate(this.deps.clock.now()), banner);
  }
}

const PROBLEM_KEYS: Record<OutcomeProblem['code'], string> = {
  required: '',
  handled_needs_client: 'validation.handledNeedsClient',
  handled_needs_sender: 'validation.handledNeedsSender',
  before_meeting: 'validation.dateBeforeMeeting',
  not_eligible: 'errors.request.worker_not_in_unit',
};

const REQUIRED_KEYS: Record<OutcomeProblem['field'], string> = {
  consent: 'validation.consentRequired',
  attendeeIds: 'validation.attendeesRequired',
  clientPresence: 'validation.presenceRequired',
  responsibleWorkerId: 'validation.responsibleRequired',
  nextMeetingDate: 'validation.dateBeforeMeeting',
  consentValidUntil: 'validation.dateBeforeMeeting',
};

/** Each field's problems as one localized line under it. */
function problemTexts(p: Presentation, problems: readonly OutcomeProblem[]): MeetingDayInputs {
  const texts: Record<string, string> = {};
  for (const { field, code } of problems) {
    const text = p.t(code === 'required' ? REQUIRED_KEYS[field] : PROBLEM_KEYS[code]);
    texts[field] = texts[field] ? `${texts[field]} ${text}` : text;
  }
  return texts;
}
