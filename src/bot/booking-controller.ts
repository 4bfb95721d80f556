import { z } from 'zod';
import type { Actor, Clock, StoredRequest } from '../app/ports.js';
import type { StepOptions } from '../app/workflow/apply-decision.js';
import type { WorkflowError } from '../app/workflow/workflow-deps.js';
import type { Viewed } from '../app/routing/view-request.js';
import type { Result } from '../domain/result.js';
import { countyDate } from '../domain/time.js';
import type { Presentation } from '../i18n/presentation.js';
import { confirmationInputs, namesItsVersion, requestIdSchema } from './card-payloads.js';
import { confirmCard } from './cards/confirm-cards.js';
import { formatDate, formatTime } from './cards/formatting.js';
import { ownCaseView } from './cards/own-case-view.js';
import { caseReply, refusalReply, refusalText, unknownAction } from './replies.js';
import type { ActionCall, BotReply } from './turn.js';

type Step = (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;

export interface BookingControllerDeps {
  readonly chooseSlot: (actor: Actor, requestId: string, index: number, start?: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly viewRequest: (actor: Actor, requestId: string) => Promise<Result<Viewed, WorkflowError>>;
  readonly rescheduleMeeting: Step;
  readonly cancelMeeting: (actor: Actor, requestId: string, options?: StepOptions) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly askNewTimes: Step;
  readonly askOtherProposals: Step;
  readonly askWholeSlot: Step;
  readonly clock: Clock;
}

/** Strict: a key the card does not send refuses the click. */
const payloads = {
  requestOnly: z.strictObject({ requestId: requestIdSchema }),
  confirmable: z.strictObject({ requestId: requestIdSchema, ...confirmationInputs }).refine(namesItsVersion),
  // `start` is missing only on cards sent before buttons carried the time they show.
  chooseSlot: z.strictObject({ requestId: requestIdSchema, index: z.coerce.number().int().min(0).max(10), start: z.iso.datetime().optional() }),
};

/** The Yhteistyöaika behind the case card's meeting section: choosing, moving, cancelling, asking again. */
export class BookingController {
  constructor(private readonly deps: BookingControllerDeps) {}

  /** A card older than the proposals, or a time already chosen, is replaced by the case as it is now, with why. */
  async chooseSlot(action: ActionCall): Promise<BotReply> {
    const { actor, data, p } = action;
    const payload = payloads.chooseSlot.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const chosen = await this.deps.chooseSlot(actor, payload.requestId, payload.index, payload.start);
    if (chosen.ok) return caseReply(p, chosen.value, { kind: 'status', viewerId: actor.id }, this.today());
    return this.refused(action, payload.requestId, chosen.error);
  }

  reschedule(action: ActionCall): Promise<BotReply> {
    return this.step(action, this.deps.rescheduleMeeting);
  }

  /** Cancelling asks first, in the same card; only the confirmation, on the version it was shown, cancels. */
  async cancel(action: ActionCall): Promise<BotReply> {
    const { actor, data, p } = action;
    const payload = payloads.confirmable.safeParse(data).data;
    if (!payload) return unknownAction(p);
    if (!payload.confirmed) {
      const checked = await this.deps.cancelMeeting(actor, payload.requestId, { preview: true });
      if (!checked.ok) return this.refused(action, payload.requestId, checked.error);
      const { request } = checked.value;
      const slot = request.meeting?.booked?.slot;
      const when = slot ? p.t('meeting.when', { date: formatDate(slot.date, p.locale), from: formatTime(slot.start, p.locale), to: formatTime(slot.end, p.locale) }) : '';
      const text = p.t('confirm.cancelMeeting', { reference: request.reference ?? '', when });
      return { card: confirmCard(p, { step: 'cancelMeeting', requestId: request.id, version: request.version, text }) };
    }
    const cancelled = await this.deps.cancelMeeting(actor, payload.requestId, { expectedVersion: payload.version });
    return cancelled.ok ? caseReply(p, cancelled.value, ownCaseView(cancelled.value.request, actor.id), this.today()) : this.refused(action, payload.requestId, cancelled.error);
  }

  newTimes(action: ActionCall): Promise<BotReply> {
    return this.step(action, this.deps.askNewTimes);
  }

  otherTimes(action: ActionCall): Promise<BotReply> {
    return this.step(action, this.deps.askOtherProposals);
  }

  wholeSlot(action: ActionCall): Promise<BotReply> {
    return this.step(action, this.deps.askWholeSlot);
  }

  /** Steps that name only the request; the clicker sees the case as they take part in it. */
  private async step({ actor, data, p }: ActionCall, act: Step): Promise<BotReply> {
    const payload = payloads.requestOnly.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const outcome = await act(actor, payload.requestId);
    return outcome.ok ? caseReply(p, outcome.value, ownCaseView(outcome.value.request, actor.id), this.today()) : this.refused({ actor, p }, payload.requestId, outcome.error);
  }

  /** A refused step is answered in the clicked card: the case as it is now, and why not. */
  private async refused({ actor, p }: { actor: Actor; p: Presentation }, requestId: string, error: WorkflowError): Promise<BotReply> {
    if (error.code === 'request.not_permitted' || error.code === 'request.not_found') return refusalReply(p, error);
    const current = await this.deps.viewRequest(actor, requestId);
    if (!current.ok) return refusalReply(p, error);
    const stored = current.value.stored;
    return caseReply(p, stored, ownCaseView(stored.request, actor.id), this.today(), { text: refusalText(p, error), style: 'attention' });
  }

  private today(): string {
    return countyDate(this.deps.clock.now());
  }
}
