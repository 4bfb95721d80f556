import { z } from 'zod';
import type { Actor, Clock, DirectoryProvider, StoredRequest } from '../app/ports.js';
import type { StepOptions } from '../app/workflow/apply-decision.js';
import type { Viewed } from '../app/routing/view-request.js';
import type { WorkflowError } from '../app/workflow/workflow-deps.js';
import { NOTE_LIMIT } from '../domain/collaboration/description.js';
import { namedUnitOf } from '../domain/privacy/access-policy.js';
import type { Result } from '../domain/result.js';
import { countyDate } from '../domain/time.js';
import type { Presentation } from '../i18n/presentation.js';
import { caseCardInputs, confirmationInputs, namesItsVersion, requestIdSchema } from './card-payloads.js';
import { type CaseCardOptions, type CaseInputs, type CaseView } from './cards/case-cards.js';
import { descriptionCard } from './cards/description-card.js';
import { confirmCard } from './cards/confirm-cards.js';
import { formatDate, formatTime } from './cards/formatting.js';
import { limitProblemText } from './cards/limit-messages.js';
import { noticeCard } from './cards/intake-cards.js';
import { personName } from './cards/presentation.js';
import { caseReply, refusalReply, refusalText, unknownAction } from './replies.js';
import type { ActionCall, BotReply } from './turn.js';

type Step<A extends unknown[]> = (actor: Actor, requestId: string, ...args: A) => Promise<Result<StoredRequest, WorkflowError>>;

export interface RoutingControllerDeps {
  readonly approveRequest: Step<[]>;
  readonly returnRequest: Step<[comment: string]>;
  readonly withdrawRequest: Step<[options?: StepOptions]>;
  readonly acknowledgeRequest: Step<[unitId: string, date: string]>;
  readonly nameWorker: Step<[unitId: string, workerId: string]>;
  readonly moveProcessingDate: Step<[unitId: string, date: string, reason: string]>;
  readonly replaceNamedWorker: Step<[unitId: string, workerId: string, reason: string, options?: StepOptions]>;
  readonly handOverChair: Step<[newOwnerId: string, options?: StepOptions]>;
  readonly proposeUnit: Step<[fromUnit: string, toUnit: string, reason: string]>;
  readonly decideProposal: Step<[fromUnit: string, accept: boolean]>;
  readonly viewRequest: (actor: Actor, requestId: string) => Promise<Result<Viewed, WorkflowError>>;
  readonly directory: DirectoryProvider;
  readonly clock: Clock;
}

const id = requestIdSchema;
const unitId = z.string().regex(/^[a-z0-9-]{2,40}$/);
const text = (max: number) => z.string().max(max).optional().transform((v) => v ?? '');
/** Free text is capped generously here; the real limit is told next to the field, the text kept. */
const note = text(20_000);
/** Strict: a key the card does not send refuses the click. Verbs whose buttons collect inputs also take the case card's. */
const payloads = {
  requestOnly: z.strictObject({ requestId: id }),
  withdraw: z.strictObject({ requestId: id, ...confirmationInputs }).refine(namesItsVersion),
  returnToWorker: z.strictObject({ ...caseCardInputs, requestId: id, returnComment: note }),
  acknowledge: z.strictObject({ ...caseCardInputs, requestId: id, unitId, processingDate: text(32) }),
  nameWorker: z.strictObject({ ...caseCardInputs, requestId: id, unitId, workerId: z.union([z.string().uuid(), z.literal('')]).optional().transform((v) => v ?? '') }),
  moveProcessingDate: z.strictObject({ ...caseCardInputs, requestId: id, unitId }),
  replaceWorker: z.strictObject({ ...caseCardInputs, ...confirmationInputs, requestId: id, unitId }).refine(namesItsVersion),
  handOverChair: z.strictObject({ ...caseCardInputs, ...confirmationInputs, requestId: id }).refine(namesItsVersion),
  view: z.strictObject({ requestId: id, unitId: z.union([unitId, z.literal('')]).optional() }),
  proposeUnit: z.strictObject({
    ...caseCardInputs,
    requestId: id,
    unitId,
    proposedUnitId: z.union([unitId, z.literal('')]).optional().transform((v) => v ?? ''),
    proposalReason: note,
  }),
  proposalDecision: z.strictObject({ requestId: id, unitId }),
};

/**
 * The sending and receiving steps behind the case cards. Roles are checked by the use cases
 * against the directory; this only parses what a card sent and turns outcomes into replies.
 */
export class RoutingController {
  constructor(private readonly deps: RoutingControllerDeps) {}

  async approve(action: ActionCall): Promise<BotReply> {
    const { actor, data, p } = action;
    const payload = payloads.requestOnly.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const approved = await this.deps.approveRequest(actor, payload.requestId);
    const view: CaseView = { kind: 'approval', viewerId: actor.id };
    if (!approved.ok) return this.refusedOnCard(action, payload.requestId, view, {}, {}, approved.error);
    return caseReply(p, approved.value, view, this.today(), { text: p.t('case.approvedResult', { reference: approved.value.request.reference ?? '' }), style: 'good' });
  }

  /** Returning needs a reason the worker reads; a refusal keeps the comment on the card. */
  async returnToWorker(action: ActionCall): Promise<BotReply> {
    const payload = payloads.returnToWorker.safeParse(action.data).data;
    if (!payload) return unknownAction(action.p);
    const { requestId, returnComment } = payload;
    const view: CaseView = { kind: 'approval', viewerId: action.actor.id };
    const typed = { returnComment };
    // Too long is told at once; an empty comment only to someone who may return at all.
    const tooLong = limitProblemText(action.p.t, returnComment, NOTE_LIMIT);
    if (tooLong) return this.refusedOnCard(action, requestId, view, typed, { returnComment: tooLong });
    const returned = await this.deps.returnRequest(action.actor, requestId, returnComment);
    if (returned.ok) return this.outcome(action.p, returned, view);
    const fieldError = returned.error.code === 'request.comment_required' || returned.error.code === 'request.identifiers_found' ? refusalText(action.p, returned.error) : undefined;
    return this.refusedOnCard(action, requestId, view, typed, fieldError ? { returnComment: fieldError } : {}, returned.error);
  }

  /** The first click asks, in the same card; only the confirmation, on the version it was shown, withdraws. */
  async withdraw(action: ActionCall): Promise<BotReply> {
    const { actor, data, p } = action;
    const payload = payloads.withdraw.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const view: CaseView = { kind: 'status', viewerId: actor.id };
    if (!payload.confirmed) {
      const checked = await this.deps.withdrawRequest(actor, payload.requestId, { preview: true });
      if (!checked.ok) return this.refusedOnCard(action, payload.requestId, view, {}, {}, checked.error);
      const { request } = checked.value;
      const booked = request.meeting?.booked?.slot;
      const text = booked
        ? p.t('confirm.withdrawWithMeeting', { reference: request.reference ?? '', when: p.t('meeting.when', { date: formatDate(booked.date, p.locale), from: formatTime(booked.start, p.locale), to: formatTime(booked.end, p.locale) }) })
        : p.t('confirm.withdraw', { reference: request.reference ?? '' });
      return { card: confirmCard(p, { step: 'withdraw', requestId: request.id, version: request.version, text }) };
    }
    const withdrawn = await this.deps.withdrawRequest(actor, payload.requestId, { expectedVersion: payload.version });
    return withdrawn.ok ? this.outcome(p, withdrawn, view) : this.refusedOnCard(action, payload.requestId, view, {}, {}, withdrawn.error);
  }

  async acknowledge(action: ActionCall): Promise<BotReply> {
    const payload = payloads.acknowledge.safeParse(action.data).data;
    if (!payload) return unknownAction(action.p);
    const { requestId, unitId: unit, processingDate } = payload;
    const view = this.receivingView(action, unit);
    const typed = { processingDate };
    if (!processingDate) return this.refusedOnCard(action, requestId, view, typed, { processingDate: action.p.t('validation.dateRequired') });
    const acknowledged = await this.deps.acknowledgeRequest(action.actor, requestId, unit, processingDate);
    if (acknowledged.ok) return this.outcome(action.p, acknowledged, view);
    const fieldErrors = acknowledged.error.code === 'request.invalid_date' ? { processingDate: action.p.t('validation.datePast') } : {};
    return this.refusedOnCard(action, requestId, view, typed, fieldErrors, acknowledged.error);
  }

  /** A new date and a reason, both stated: each missing one is asked for under its own field, what was chosen kept. */
  async moveProcessingDate(action: ActionCall): Promise<BotReply> {
    const payload = payloads.moveProcessingDate.safeParse(action.data).data;
    if (!payload) return unknownAction(action.p);
    const { p } = action;
    const { requestId, unitId: unit } = payload;
    const [date, reason] = [payload.newProcessingDate ?? '', payload.moveReason ?? ''];
    const view = this.receivingView(action, unit);
    const typed = { newProcessingDate: date, moveReason: reason };
    const missing = { ...(!date && { newProcessingDate: p.t('validation.dateRequired') }), ...(!reason && { moveReason: p.t('validation.moveReasonRequired') }) };
    if (Object.keys(missing).length > 0) return this.refusedOnCard(action, requestId, view, typed, missing);
    const moved = await this.deps.moveProcessingDate(action.actor, requestId, unit, date, reason);
    if (moved.ok) return this.outcome(p, moved, view, { text: p.t('case.dateMovedResult', { date: formatDate(date, p.locale) }), style: 'good' });
    const code = moved.error.code;
    const fieldErrors =
      code === 'request.invalid_date' ? { newProcessingDate: p.t('validation.datePast') }
      : code === 'request.date_unchanged' ? { newProcessingDate: p.t('errors.request.date_unchanged') }
      : code === 'request.move_reason_required' ? { moveReason: p.t('errors.request.move_reason_required') }
      : {};
    return this.refusedOnCard(action, requestId, view, typed, fieldErrors, moved.error);
  }

  /**
   * A new worker and a reason, both chosen, then a confirmation that says what it does (the new
   * worker reads the description, the old one no longer sees the case); only the confirmation,
   * on the version it was shown, replaces.
   */
  async replaceWorker(action: ActionCall): Promise<BotReply> {
    const payload = payloads.replaceWorker.safeParse(action.data).data;
    if (!payload) return unknownAction(action.p);
    const { p, actor } = action;
    const { requestId, unitId: unit } = payload;
    const [workerId, reason] = [payload.replacementWorkerId ?? '', payload.replaceReason ?? ''];
    const view = this.receivingView(action, unit);
    const typed = { replacementWorkerId: workerId, replaceReason: reason };
    const missing = { ...(!workerId && { replacementWorkerId: p.t('validation.workerRequired') }), ...(!reason && { replaceReason: p.t('validation.replaceReasonRequired') }) };
    if (Object.keys(missing).length > 0) return this.refusedOnCard(action, requestId, view, typed, missing);
    const fieldErrorsOf = (code: string) =>
      code === 'request.same_worker' || code === 'request.worker_not_in_unit' ? { replacementWorkerId: p.t(`errors.${code}`) }
      : code === 'request.replace_reason_required' ? { replaceReason: p.t('errors.request.replace_reason_required') }
      : {};
    if (!payload.confirmed) {
      const checked = await this.deps.replaceNamedWorker(actor, requestId, unit, workerId, reason, { preview: true });
      if (!checked.ok) return this.refusedOnCard(action, requestId, view, typed, fieldErrorsOf(checked.error.code), checked.error);
      const { request } = checked.value;
      const previous = request.units.find((u) => u.unitId === unit)?.namedWorkerId ?? '';
      const text = p.t('confirm.replaceWorker', { name: personName(p, workerId), previous: personName(p, previous) });
      return { card: confirmCard(p, { step: 'replaceWorker', requestId, version: request.version, text, replacement: { unitId: unit, workerId, reason } }) };
    }
    const replaced = await this.deps.replaceNamedWorker(actor, requestId, unit, workerId, reason, { expectedVersion: payload.version });
    if (replaced.ok) return this.outcome(p, replaced, view, { text: p.t('case.workerReplacedResult', { name: personName(p, workerId) }), style: 'good' });
    return this.refusedOnCard(action, requestId, view, typed, fieldErrorsOf(replaced.error.code), replaced.error);
  }

  /** A new chair chosen, then a confirmation of what the hand-over does; only the confirmation, on the version shown, hands over. */
  async handOverChair(action: ActionCall): Promise<BotReply> {
    const payload = payloads.handOverChair.safeParse(action.data).data;
    if (!payload) return unknownAction(action.p);
    const { p, actor } = action;
    const { requestId } = payload;
    const newChairId = payload.newChairId ?? '';
    const viewed = await this.deps.viewRequest(actor, requestId);
    // The card it came from: the chair's own, or the sending lead's approval card.
    const view: CaseView = viewed.ok && viewed.value.stored.request.ownerId !== actor.id ? { kind: 'approval', viewerId: actor.id } : { kind: 'status', viewerId: actor.id };
    const typed = { newChairId };
    if (!newChairId) return this.refusedOnCard(action, requestId, view, typed, { newChairId: p.t('validation.newChairRequired') });
    const fieldErrorsOf = (code: string) => (code === 'request.same_worker' || code === 'request.not_in_sending_unit' ? { newChairId: p.t(`errors.${code}`) } : {});
    if (!payload.confirmed) {
      const checked = await this.deps.handOverChair(actor, requestId, newChairId, { preview: true });
      if (!checked.ok) return this.refusedOnCard(action, requestId, view, typed, fieldErrorsOf(checked.error.code), checked.error);
      const { request } = checked.value;
      const text = p.t('confirm.handOverChair', { name: personName(p, newChairId), previous: personName(p, request.ownerId) });
      return { card: confirmCard(p, { step: 'handOverChair', requestId, version: request.version, text, newChairId }) };
    }
    const handed = await this.deps.handOverChair(actor, requestId, newChairId, { expectedVersion: payload.version });
    if (!handed.ok) return this.refusedOnCard(action, requestId, view, typed, fieldErrorsOf(handed.error.code), handed.error);
    const banner = { text: p.t('case.chairHandedOverResult', { name: personName(p, newChairId) }), style: 'good' as const };
    // The old chair's own card shows what the lead's view would not: that the case has left them.
    return view.kind === 'status' ? { card: noticeCard(p, `${banner.text} ${p.t('case.chairReleased', { reference: handed.value.request.reference ?? '', name: personName(p, newChairId) })}`, 'Good') } : this.outcome(p, handed, view, banner);
  }

  async nameWorker(action: ActionCall): Promise<BotReply> {
    const payload = payloads.nameWorker.safeParse(action.data).data;
    if (!payload) return unknownAction(action.p);
    const { requestId, unitId: unit, workerId } = payload;
    const view = this.receivingView(action, unit);
    if (!workerId) return this.refusedOnCard(action, requestId, view, {}, { workerId: action.p.t('validation.workerRequired') });
    const named = await this.deps.nameWorker(action.actor, requestId, unit, workerId);
    if (named.ok) return this.outcome(action.p, named, view);
    const fieldErrors = named.error.code === 'request.worker_not_in_unit' ? { workerId: refusalText(action.p, named.error) } : {};
    return this.refusedOnCard(action, requestId, view, { workerId }, fieldErrors, named.error);
  }

  /** A proposal needs the unit and the reason; what was chosen and written stays on a refused card. */
  async proposeUnit(action: ActionCall): Promise<BotReply> {
    const payload = payloads.proposeUnit.safeParse(action.data).data;
    if (!payload) return unknownAction(action.p);
    const { requestId, unitId: from, proposedUnitId, proposalReason } = payload;
    const view = this.receivingView(action, from);
    const typed = { proposedUnitId, proposalReason };
    const reasonProblem = noteProblem(action.p, proposalReason, 'validation.reasonRequired');
    const fieldErrors: CaseInputs = {
      ...(proposedUnitId ? {} : { proposedUnitId: action.p.t('validation.unitRequired') }),
      ...(reasonProblem ? { proposalReason: reasonProblem } : {}),
    };
    if (Object.keys(fieldErrors).length > 0) return this.refusedOnCard(action, requestId, view, typed, fieldErrors);
    const proposed = await this.deps.proposeUnit(action.actor, requestId, from, proposedUnitId, proposalReason);
    if (proposed.ok) return this.outcome(action.p, proposed, view);
    const code = proposed.error.code;
    const message = refusalText(action.p, proposed.error);
    const onField: CaseInputs = code === 'request.identifiers_found' ? { proposalReason: message } : code === 'request.unit_already_involved' ? { proposedUnitId: message } : {};
    return this.refusedOnCard(action, requestId, view, typed, onField, proposed.error);
  }

  /** The sending supervisor's answer to a unit's proposal: `accept` moves the request there. */
  async decideProposal(action: ActionCall, accept: boolean): Promise<BotReply> {
    const payload = payloads.proposalDecision.safeParse(action.data).data;
    if (!payload) return unknownAction(action.p);
    const view: CaseView = { kind: 'approval', viewerId: action.actor.id };
    const decided = await this.deps.decideProposal(action.actor, payload.requestId, payload.unitId, accept);
    return decided.ok ? this.outcome(action.p, decided, view) : this.refusedOnCard(action, payload.requestId, view, {}, {}, decided.error);
  }

  async view({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.view.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const viewed = await this.deps.viewRequest(actor, payload.requestId);
    if (!viewed.ok) return refusalReply(p, viewed.error);
    return caseReply(p, viewed.value.stored, this.viewFor(actor, viewed.value, payload.unitId), this.today());
  }

  /** The description a full case card links to, in the reader's view; the read is audit-logged as any view is. */
  async description({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.view.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const viewed = await this.deps.viewRequest(actor, payload.requestId);
    if (!viewed.ok) return refusalReply(p, viewed.error);
    const view = this.viewFor(actor, viewed.value, payload.unitId);
    // The sender's own view never shows the description: they get their case card.
    if (view.kind === 'status') return caseReply(p, viewed.value.stored, view, this.today());
    return { card: descriptionCard(p, viewed.value.stored, view) };
  }

  /** The view of the strongest role the reader holds, for the unit they came for if any. */
  private viewFor(actor: Actor, { stored, roles }: Viewed, wantedUnit: string | undefined): CaseView {
    const { request } = stored;
    const directory = this.deps.directory.current();
    const ledUnits = request.units.filter((u) => directory.isSupervisorOrDeputy(actor.id, u.unitId)).map((u) => u.unitId);
    const unit = wantedUnit && ledUnits.includes(wantedUnit) ? wantedUnit : ledUnits[0];
    if (unit && (wantedUnit || !roles.includes('sending_supervisor'))) return { kind: 'receiving', unitId: unit, viewerId: actor.id };
    if (roles.includes('sending_supervisor')) return { kind: 'approval', viewerId: actor.id };
    if (roles.includes('sending_worker')) return { kind: 'status', viewerId: actor.id };
    return { kind: 'named', viewerId: actor.id, unitId: namedUnitOf(request, actor.id) ?? '' };
  }

  /**
   * A refused click is answered in the card that was clicked: the case as it is now, why not in
   * its banner, each input's message under it and what was typed kept. Only someone who may not
   * see the case is answered by a message.
   */
  private async refusedOnCard(action: ActionCall, requestId: string, view: CaseView, typed: CaseInputs, fieldErrors: CaseInputs, error?: WorkflowError): Promise<BotReply> {
    const { actor, p } = action;
    if (error && MESSAGE_ONLY.has(error.code)) return refusalReply(p, error);
    const current = await this.deps.viewRequest(actor, requestId);
    if (!current.ok) return error ? refusalReply(p, error) : refusalReply(p, current.error);
    const onFields = Object.keys(fieldErrors).length > 0;
    const text = onFields ? p.t('validation.fixBelow') : error ? refusalText(p, error) : p.t('validation.fixBelow');
    return caseReply(p, current.value.stored, view, this.today(), { text, style: 'attention' }, { typed, fieldErrors });
  }

  private outcome(p: Presentation, outcome: Result<StoredRequest, WorkflowError>, view: CaseView, banner?: CaseCardOptions['banner']): BotReply {
    return outcome.ok ? caseReply(p, outcome.value, view, this.today(), banner) : refusalReply(p, outcome.error);
  }

  /** In a unit's channel the card is the whole channel's, its leads mentioned; in person it is the clicker's own. */
  private receivingView({ turn, actor }: ActionCall, unit: string): CaseView {
    return turn.personal ? { kind: 'receiving', unitId: unit, viewerId: actor.id } : { kind: 'receiving', unitId: unit, mention: true };
  }

  private today(): string {
    return countyDate(this.deps.clock.now());
  }
}

/** Refusals of who the clicker is, not of what they typed: told to them alone, the card left as it was. */
const MESSAGE_ONLY = new Set<WorkflowError['code']>(['request.not_permitted', 'request.not_found', 'request.own_request']);

/** An empty note, or one over the limit: the message for its field. */
function noteProblem(p: Presentation, note: string, requiredKey: string): string | undefined {
  if (!note.trim()) return p.t(requiredKey);
  return limitProblemText(p.t, note, NOTE_LIMIT);
}
