import { z } from 'zod';
import { Verb } from '../../cards/verbs.js';
import type { Actor } from '../app/ports.js';
import type { LinkError } from '../app/units/link-channel.js';
import type { WorkflowError } from '../app/workflow/workflow-deps.js';
import type { Clock, DirectoryProvider, StoredRequest } from '../app/ports.js';
import type { Result } from '../domain/result.js';
import { countyDate } from '../domain/time.js';
import type { Translate } from '../i18n/translator.js';
import { caseCardInputs, requestIdSchema } from './card-payloads.js';
import { caseCard, type CaseView } from './cards/case-cards.js';
import { ownCaseView } from './cards/own-case-view.js';
import { namedUnitOf } from '../domain/privacy/access-policy.js';
import { formatDate, formatDateTime } from './cards/formatting.js';
import { personName, type Presentation } from './cards/presentation.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import type { PauseError } from '../app/units/pause-reminders.js';
import type { SeriesError, SeriesSent } from '../app/units/send-standing-series.js';
import type { Viewed } from '../app/routing/view-request.js';

/** A refused step, told to the clicker alone; the loser of a race learns who was first and when. */
export function refusalReply(p: Presentation, error: WorkflowError): BotReply {
  if (error.code === 'request.already_decided') {
    return { message: p.t('errors.request.already_decided', { name: personName(p, error.by), time: formatDateTime(error.at, p.locale) }) };
  }
  return { message: p.t(`errors.${error.code}`) };
}

/** A card that replaces the clicked one, or a short message to the clicker alone. */
export type BotReply = { readonly card: AdaptiveCard; readonly view?: CaseView; readonly requestId?: string } | { readonly message: string };

export const ROUTING_VERBS: readonly string[] = [
  Verb.approve,
  Verb.returnToWorker,
  Verb.withdraw,
  Verb.acknowledge,
  Verb.nameWorker,
  Verb.viewRequest,
  Verb.proposeUnit,
  Verb.acceptProposal,
  Verb.rejectProposal,
  Verb.chooseSlot,
  Verb.reschedule,
  Verb.cancelMeeting,
  Verb.newTimes,
  Verb.otherTimes,
  Verb.wholeSlot,
];

export interface RoutingControllerDeps {
  readonly approveRequest: (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly returnRequest: (actor: Actor, requestId: string, comment: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly withdrawRequest: (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly acknowledgeRequest: (actor: Actor, requestId: string, unitId: string, date: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly nameWorker: (actor: Actor, requestId: string, unitId: string, workerId: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly viewRequest: (actor: Actor, requestId: string) => Promise<Result<Viewed, WorkflowError>>;
  readonly proposeUnit: (actor: Actor, requestId: string, fromUnit: string, toUnit: string, reason: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly rescheduleMeeting: (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly cancelMeeting: (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly askNewTimes: (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly askOtherProposals: (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly askWholeSlot: (actor: Actor, requestId: string) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly chooseSlot: (actor: Actor, requestId: string, index: number) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly decideProposal: (actor: Actor, requestId: string, fromUnit: string, accept: boolean) => Promise<Result<StoredRequest, WorkflowError>>;
  readonly pauseReminders: (actor: Actor, from: string, to: string) => Promise<Result<string[], PauseError>>;
  readonly sendStandingSeries: (actor: Actor) => Promise<Result<SeriesSent[], SeriesError>>;
  readonly linkChannel: (actor: Actor, channelId: string) => Promise<Result<string[], LinkError>>;
  readonly unlinkChannel: (actor: Actor, channelId: string) => Promise<Result<string[], LinkError>>;
  readonly directory: DirectoryProvider;
  readonly clock: Clock;
}

const id = requestIdSchema;
const unitId = z.string().regex(/^[a-z0-9-]{2,40}$/);
/** Strict: a key the card does not send refuses the click. Verbs whose buttons collect inputs also take the case card's. */
const payloads = {
  /** Verbs that name only the request: approve, withdraw, and the meeting's move, cancel and new rounds. */
  requestOnly: z.strictObject({ requestId: id }),
  [Verb.returnToWorker]: z.strictObject({ ...caseCardInputs, requestId: id, returnComment: z.string().max(1000).optional().transform((v) => v ?? '') }),
  [Verb.acknowledge]: z.strictObject({ ...caseCardInputs, requestId: id, unitId, processingDate: z.string().max(32).optional().transform((v) => v ?? '') }),
  [Verb.nameWorker]: z.strictObject({ ...caseCardInputs, requestId: id, unitId, workerId: z.string().uuid() }),
  [Verb.viewRequest]: z.strictObject({ requestId: id, unitId: z.union([unitId, z.literal('')]).optional() }),
  [Verb.proposeUnit]: z.strictObject({
    ...caseCardInputs,
    requestId: id,
    unitId,
    proposedUnitId: unitId,
    proposalReason: z.string().max(1000).optional().transform((v) => v ?? ''),
  }),
  proposalDecision: z.strictObject({ requestId: id, unitId }),
  [Verb.chooseSlot]: z.strictObject({ requestId: id, index: z.coerce.number().int().min(0).max(10) }),
};

/**
 * The sending and receiving steps behind the case cards. Roles are checked by the use cases
 * against the directory; this only parses what a card sent and turns outcomes into replies.
 */
export class RoutingController {
  constructor(private readonly deps: RoutingControllerDeps) {}

  /** `inChannel`: the clicked card is a unit's channel card, seen by the whole channel. */
  async handle(actor: Actor, verb: string, data: unknown, p: Presentation, inChannel: boolean): Promise<BotReply> {
    const today = countyDate(this.deps.clock.now());
    switch (verb) {
      case Verb.approve: {
        const parsed = payloads.requestOnly.safeParse(data);
        if (!parsed.success) return this.invalid(p.t);
        const approved = await this.deps.approveRequest(actor, parsed.data.requestId);
        if (!approved.ok) return this.refusal(p, approved.error);
        const stored = approved.value;
        const banner = { text: p.t('case.approvedResult', { reference: stored.request.reference ?? '' }), style: 'good' as const };
        return this.caseReply(p, stored, { kind: 'approval', viewerId: actor.id }, today, banner);
      }
      case Verb.returnToWorker: {
        const parsed = payloads[Verb.returnToWorker].safeParse(data);
        if (!parsed.success) return this.invalid(p.t);
        const returned = await this.deps.returnRequest(actor, parsed.data.requestId, parsed.data.returnComment);
        return returned.ok ? this.caseReply(p, returned.value, { kind: 'approval', viewerId: actor.id }, today) : this.refusal(p, returned.error);
      }
      case Verb.withdraw: {
        const parsed = payloads.requestOnly.safeParse(data);
        if (!parsed.success) return this.invalid(p.t);
        const withdrawn = await this.deps.withdrawRequest(actor, parsed.data.requestId);
        return withdrawn.ok ? this.caseReply(p, withdrawn.value, { kind: 'status', viewerId: actor.id }, today) : this.refusal(p, withdrawn.error);
      }
      case Verb.acknowledge: {
        const parsed = payloads[Verb.acknowledge].safeParse(data);
        if (!parsed.success) return this.invalid(p.t);
        const { requestId, unitId: unit, processingDate } = parsed.data;
        const acked = await this.deps.acknowledgeRequest(actor, requestId, unit, processingDate);
        return acked.ok ? this.caseReply(p, acked.value, this.receivingView(unit, actor, inChannel), today) : this.refusal(p, acked.error);
      }
      case Verb.nameWorker: {
        const parsed = payloads[Verb.nameWorker].safeParse(data);
        if (!parsed.success) return this.invalid(p.t);
        const { requestId, unitId: unit, workerId } = parsed.data;
        const named = await this.deps.nameWorker(actor, requestId, unit, workerId);
        return named.ok ? this.caseReply(p, named.value, this.receivingView(unit, actor, inChannel), today) : this.refusal(p, named.error);
      }
      case Verb.proposeUnit: {
        const parsed = payloads[Verb.proposeUnit].safeParse(data);
        if (!parsed.success) return this.invalid(p.t);
        const { requestId, unitId: from, proposedUnitId, proposalReason } = parsed.data;
        const proposed = await this.deps.proposeUnit(actor, requestId, from, proposedUnitId, proposalReason);
        return proposed.ok ? this.caseReply(p, proposed.value, this.receivingView(from, actor, inChannel), today) : this.refusal(p, proposed.error);
      }
      case Verb.acceptProposal:
      case Verb.rejectProposal: {
        const parsed = payloads.proposalDecision.safeParse(data);
        if (!parsed.success) return this.invalid(p.t);
        const decided = await this.deps.decideProposal(actor, parsed.data.requestId, parsed.data.unitId, verb === Verb.acceptProposal);
        return decided.ok ? this.caseReply(p, decided.value, { kind: 'approval', viewerId: actor.id }, today) : this.refusal(p, decided.error);
      }
      case Verb.chooseSlot: {
        const parsed = payloads[Verb.chooseSlot].safeParse(data);
        if (!parsed.success) return this.invalid(p.t);
        const chosen = await this.deps.chooseSlot(actor, parsed.data.requestId, parsed.data.index);
        return chosen.ok ? this.caseReply(p, chosen.value, { kind: 'status', viewerId: actor.id }, today) : this.refusal(p, chosen.error);
      }
      case Verb.reschedule:
      case Verb.cancelMeeting:
      case Verb.newTimes:
      case Verb.otherTimes:
      case Verb.wholeSlot: {
        const parsed = payloads.requestOnly.safeParse(data);
        if (!parsed.success) return this.invalid(p.t);
        const acts = {
          [Verb.reschedule]: this.deps.rescheduleMeeting,
          [Verb.cancelMeeting]: this.deps.cancelMeeting,
          [Verb.newTimes]: this.deps.askNewTimes,
          [Verb.otherTimes]: this.deps.askOtherProposals,
          [Verb.wholeSlot]: this.deps.askWholeSlot,
        };
        const outcome = await acts[verb](actor, parsed.data.requestId);
        if (!outcome.ok) return this.refusal(p, outcome.error);
        return this.caseReply(p, outcome.value, ownCaseView(outcome.value.request, actor.id), today);
      }
      case Verb.viewRequest: {
        const parsed = payloads[Verb.viewRequest].safeParse(data);
        if (!parsed.success) return this.invalid(p.t);
        const viewed = await this.deps.viewRequest(actor, parsed.data.requestId);
        if (!viewed.ok) return this.refusal(p, viewed.error);
        return this.caseReply(p, viewed.value.stored, this.viewFor(actor, viewed.value, parsed.data.unitId), today);
      }
      default:
        return this.invalid(p.t);
    }
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
    const namedIn = namedUnitOf(request, actor.id) ?? '';
    return { kind: 'named', viewerId: actor.id, unitId: namedIn };
  }

  async link(actor: Actor, channelId: string, p: Presentation, unlink: boolean): Promise<string> {
    const outcome = unlink ? await this.deps.unlinkChannel(actor, channelId) : await this.deps.linkChannel(actor, channelId);
    if (!outcome.ok) return p.t(`errors.${outcome.error.code}`);
    const units = outcome.value.map((u) => p.directory.unitName(u, p.locale) ?? u).join(', ');
    return p.t(unlink ? 'channel.unlinked' : 'channel.linked', { units });
  }

  /** The standing Yhteistyöaika series for the units the supervisor leads. */
  async sendSeries(actor: Actor, p: Presentation): Promise<string> {
    const sent = await this.deps.sendStandingSeries(actor);
    if (!sent.ok) return p.t(sent.error.code === 'series.unavailable' ? 'meeting.seriesUnavailable' : 'meeting.seriesNotSupervisor');
    const units = sent.value.map((s) => p.t('meeting.seriesUnit', { unit: p.directory.unitName(s.unitId, p.locale) ?? s.unitId, count: s.attendees }));
    return p.t('meeting.seriesSent', { units: units.join(', ') });
  }

  /** Pauses the reminders of the units the person leads, for the period they name. */
  async pause(actor: Actor, from: string, to: string, p: Presentation): Promise<string> {
    const paused = await this.deps.pauseReminders(actor, from, to);
    if (!paused.ok) return p.t(paused.error.code === 'pause.not_a_lead' ? 'reminder.pauseNotLead' : 'reminder.pauseInvalid');
    const units = paused.value.map((u) => p.directory.unitName(u, p.locale) ?? u).join(', ');
    return p.t('reminder.paused', { units, from: formatDate(from, p.locale), to: formatDate(to, p.locale) });
  }

  private receivingView(unit: string, actor: Actor, inChannel: boolean): CaseView {
    return inChannel ? { kind: 'receiving', unitId: unit, mention: true } : { kind: 'receiving', unitId: unit, viewerId: actor.id };
  }

  private caseReply(p: Presentation, stored: StoredRequest, view: CaseView, today: string, banner?: { text: string; style: 'good' }): BotReply {
    return { card: caseCard(p, stored, view, { today, banner }), view, requestId: stored.request.id };
  }

  private refusal(p: Presentation, error: WorkflowError): BotReply {
    return refusalReply(p, error);
  }

  private invalid(t: Translate): BotReply {
    return { message: t('errors.unknownAction') };
  }
}
