import { z } from 'zod';
import type { Actor, Clock, StoredRequest } from '../app/ports.js';
import type { WorkflowError } from '../app/workflow/workflow-deps.js';
import type { Viewed } from '../app/routing/view-request.js';
import type { Result } from '../domain/result.js';
import { countyDate } from '../domain/time.js';
import { requestIdSchema } from './card-payloads.js';
import { ownCaseView } from './cards/own-case-view.js';
import { caseReply, refusalReply, unknownAction } from './replies.js';
import type { ActionCall, BotReply } from './turn.js';

type Step = (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;

export interface BookingControllerDeps {
  readonly chooseSlot: (actor: Actor, requestId: string, index: number, start?: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly viewRequest: (actor: Actor, requestId: string) => Promise<Result<Viewed, WorkflowError>>;
  readonly rescheduleMeeting: Step;
  readonly cancelMeeting: Step;
  readonly askNewTimes: Step;
  readonly askOtherProposals: Step;
  readonly askWholeSlot: Step;
  readonly clock: Clock;
}

/** Strict: a key the card does not send refuses the click. */
const payloads = {
  requestOnly: z.strictObject({ requestId: requestIdSchema }),
  // `start` is missing only on cards sent before buttons carried the time they show.
  chooseSlot: z.strictObject({ requestId: requestIdSchema, index: z.coerce.number().int().min(0).max(10), start: z.iso.datetime().optional() }),
};

/** The Yhteistyöaika behind the case card's meeting section: choosing, moving, cancelling, asking again. */
export class BookingController {
  constructor(private readonly deps: BookingControllerDeps) {}

  async chooseSlot({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.chooseSlot.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const chosen = await this.deps.chooseSlot(actor, payload.requestId, payload.index, payload.start);
    if (chosen.ok) return caseReply(p, chosen.value, { kind: 'status', viewerId: actor.id }, this.today());
    if (chosen.error.code !== 'request.proposals_changed') return refusalReply(p, chosen.error);
    // The card was older than the proposals: it is replaced by the current times, with why.
    const current = await this.deps.viewRequest(actor, payload.requestId);
    if (!current.ok) return refusalReply(p, current.error);
    const banner = { text: p.t('errors.request.proposals_changed'), style: 'attention' as const };
    return caseReply(p, current.value.stored, ownCaseView(current.value.stored.request, actor.id), this.today(), banner);
  }

  reschedule(action: ActionCall): Promise<BotReply> {
    return this.step(action, this.deps.rescheduleMeeting);
  }

  cancel(action: ActionCall): Promise<BotReply> {
    return this.step(action, this.deps.cancelMeeting);
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
    return outcome.ok ? caseReply(p, outcome.value, ownCaseView(outcome.value.request, actor.id), this.today()) : refusalReply(p, outcome.error);
  }

  private today(): string {
    return countyDate(this.deps.clock.now());
  }
}
