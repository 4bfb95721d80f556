import { z } from 'zod';
import { CASELOAD_ROLES, rowsOf, type CaseloadRole } from '../app/caseload/list-caseload.js';
import type { Actor, Clock, DirectoryProvider } from '../app/ports.js';
import type { Viewed } from '../app/routing/view-request.js';
import type { WorkflowError } from '../app/workflow/workflow-deps.js';
import { namedUnitOf } from '../domain/privacy/access-policy.js';
import type { Result } from '../domain/result.js';
import { countyDate } from '../domain/time.js';
import { requestIdSchema } from './card-payloads.js';
import type { CaseReopener } from './case-reopener.js';
import type { CaseView } from './cards/case-cards.js';
import { ownCaseView } from './cards/own-case-view.js';
import { caseReply, refusalReply, unknownAction } from './replies.js';
import type { ActionCall, BotReply } from './turn.js';

export interface CaseloadControllerDeps {
  /** Checks the reader is part of the case and records the read, or the refusal, in the audit log. */
  readonly viewRequest: (actor: Actor, requestId: string) => Promise<Result<Viewed, WorkflowError>>;
  readonly reopener: Pick<CaseReopener, 'reopen'>;
  readonly directory: DirectoryProvider;
  readonly clock: Clock;
}

const openCasePayload = z.strictObject({
  requestId: requestIdSchema,
  role: z.enum(CASELOAD_ROLES).optional(),
  unitId: z.union([z.string().regex(/^[a-z0-9-]{2,40}$/), z.literal('')]).optional(),
});

/** Reopening a case's card from "Omat asiat" (the list itself is the intake controller's, with the drafts). */
export class CaseloadController {
  constructor(private readonly deps: CaseloadControllerDeps) {}

  /**
   * Posts the case card as a new message at the bottom of the chat and leaves the list where it
   * is, to open the next case from; the click is answered with a line saying where the card went.
   * Only where the card cannot be posted is it the answer instead, in place of the list.
   */
  async openCase({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = openCasePayload.safeParse(data).data;
    if (!payload) return unknownAction(p);
    const viewed = await this.deps.viewRequest(actor, payload.requestId);
    if (!viewed.ok) return refusalReply(p, viewed.error);
    const { stored } = viewed.value;
    const view = this.viewFor(actor.id, viewed.value, payload.role, payload.unitId || undefined);
    const today = countyDate(this.deps.clock.now());
    const failure = await this.deps.reopener.reopen(p, stored, view, actor.id, today);
    if (failure) return caseReply(p, stored, view, today);
    return { message: p.t('caseload.reopened.answer', { reference: stored.request.reference ?? '' }) };
  }

  /** The view for the part the row was for, if the person still has it; else for the first part they have. */
  private viewFor(personId: string, { stored, roles }: Viewed, wanted: CaseloadRole | undefined, unitId: string | undefined): CaseView {
    const { request } = stored;
    const rows = rowsOf(this.deps.directory.current(), personId, request);
    const row = rows.find((r) => r.role === wanted && (unitId === undefined || r.unitId === undefined || r.unitId === unitId)) ?? rows[0];
    switch (row?.role) {
      case 'approval':
      case 'sending':
        return { kind: 'approval', viewerId: personId };
      case 'received':
        return { kind: 'receiving', unitId: row.unitId ?? '', viewerId: personId };
      case 'named':
        return { kind: 'named', viewerId: personId, unitId: row.unitId ?? namedUnitOf(request, personId) ?? '' };
      case 'sent':
      case 'responsible':
        return ownCaseView(request, personId);
      case undefined:
        // A part the list does not group by, such as the sending unit's lead of a case returned for correction.
        return roles.includes('sending_supervisor') ? { kind: 'approval', viewerId: personId } : ownCaseView(request, personId);
    }
  }
}
