import { z } from 'zod';
import type { Actor, Clock, DirectoryProvider, StoredRequest } from '../app/ports.js';
import type { Viewed } from '../app/routing/view-request.js';
import type { WorkflowError } from '../app/workflow/workflow-deps.js';
import { namedUnitOf } from '../domain/privacy/access-policy.js';
import type { Result } from '../domain/result.js';
import { countyDate } from '../domain/time.js';
import type { Presentation } from '../i18n/presentation.js';
import { caseCardInputs, requestIdSchema } from './card-payloads.js';
import type { CaseCardOptions, CaseView } from './cards/case-cards.js';
import { caseReply, refusalReply, unknownAction } from './replies.js';
import type { ActionCall, BotReply } from './turn.js';

type Step<A extends unknown[]> = (actor: Actor, requestId: string, ...args: A) => Promise<Result<StoredRequest, WorkflowError>>;

export interface RoutingControllerDeps {
  readonly approveRequest: Step<[]>;
  readonly returnRequest: Step<[comment: string]>;
  readonly withdrawRequest: Step<[]>;
  readonly acknowledgeRequest: Step<[unitId: string, date: string]>;
  readonly nameWorker: Step<[unitId: string, workerId: string]>;
  readonly proposeUnit: Step<[fromUnit: string, toUnit: string, reason: string]>;
  readonly decideProposal: Step<[fromUnit: string, accept: boolean]>;
  readonly viewRequest: (actor: Actor, requestId: string) => Promise<Result<Viewed, WorkflowError>>;
  readonly directory: DirectoryProvider;
  readonly clock: Clock;
}

const id = requestIdSchema;
const unitId = z.string().regex(/^[a-z0-9-]{2,40}$/);
const text = (max: number) => z.string().max(max).optional().transform((v) => v ?? '');
/** Strict: a key the card does not send refuses the click. Verbs whose buttons collect inputs also take the case card's. */
const payloads = {
  requestOnly: z.strictObject({ requestId: id }),
  returnToWorker: z.strictObject({ ...caseCardInputs, requestId: id, returnComment: text(1000) }),
  acknowledge: z.strictObject({ ...caseCardInputs, requestId: id, unitId, processingDate: text(32) }),
  nameWorker: z.strictObject({ ...caseCardInputs, requestId: id, unitId, workerId: z.string().uuid() }),
  view: z.strictObject({ requestId: id, unitId: z.union([unitId, z.literal('')]).optional() }),
  proposeUnit: z.strictObject({ ...caseCardInputs, requestId: id, unitId, proposedUnitId: unitId, proposalReason: text(1000) }),
  proposalDecision: z.strictObject({ requestId: id, unitId }),
};

/**
 * The sending and receiving steps behind the case cards. Roles are checked by the use cases
 * against the directory; this only parses what a card sent and turns outcomes into replies.
 */
export class RoutingController {
  constructor(private readonly deps: RoutingControllerDeps) {}

  async approve({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.requestOnly.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const approved = await this.deps.approveRequest(actor, payload.requestId);
    const banner = approved.ok ? { text: p.t('case.approvedResult', { reference: approved.value.request.reference ?? '' }), style: 'good' as const } : undefined;
    return this.outcome(p, approved, { kind: 'approval', viewerId: actor.id }, banner);
  }

  async returnToWorker({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.returnToWorker.safeParse(data).data;
    if (!payload) return unknownAction(p);
    return this.outcome(p, await this.deps.returnRequest(actor, payload.requestId, payload.returnComment), { kind: 'approval', viewerId: actor.id });
  }

  async withdraw({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.requestOnly.safeParse(data).data;
    if (!payload) return unknownAction(p);
    return this.outcome(p, await this.deps.withdrawRequest(actor, payload.requestId), { kind: 'status', viewerId: actor.id });
  }

  async acknowledge(action: ActionCall): Promise<BotReply> {
    const payload = payloads.acknowledge.safeParse(action.data).data;
    if (!payload) return unknownAction(action.p);
    const acknowledged = await this.deps.acknowledgeRequest(action.actor, payload.requestId, payload.unitId, payload.processingDate);
    return this.outcome(action.p, acknowledged, this.receivingView(action, payload.unitId));
  }

  async nameWorker(action: ActionCall): Promise<BotReply> {
    const payload = payloads.nameWorker.safeParse(action.data).data;
    if (!payload) return unknownAction(action.p);
    const named = await this.deps.nameWorker(action.actor, payload.requestId, payload.unitId, payload.workerId);
    return this.outcome(action.p, named, this.receivingView(action, payload.unitId));
  }

  async proposeUnit(action: ActionCall): Promise<BotReply> {
    const payload = payloads.proposeUnit.safeParse(action.data).data;
    if (!payload) return unknownAction(action.p);
    const { requestId, unitId: from, proposedUnitId, proposalReason } = payload;
    return this.outcome(action.p, await this.deps.proposeUnit(action.actor, requestId, from, proposedUnitId, proposalReason), this.receivingView(action, from));
  }

  /** The sending supervisor's answer to a unit's proposal: `accept` moves the request there. */
  async decideProposal({ actor, data, p }: ActionCall, accept: boolean): Promise<BotReply> {
    const payload = payloads.proposalDecision.safeParse(data).data;
    if (!payload) return unknownAction(p);
    return this.outcome(p, await this.deps.decideProposal(actor, payload.requestId, payload.unitId, accept), { kind: 'approval', viewerId: actor.id });
  }

  async view({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = payloads.view.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const viewed = await this.deps.viewRequest(actor, payload.requestId);
    if (!viewed.ok) return refusalReply(p, viewed.error);
    return caseReply(p, viewed.value.stored, this.viewFor(actor, viewed.value, payload.unitId), this.today());
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
