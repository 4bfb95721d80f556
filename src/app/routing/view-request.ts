import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { mayApprove, rolesIn, type ViewerRole } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor } from '../intake/intake-deps.js';
import type { StoredRequest } from '../ports.js';
import type { RoutingDeps, RoutingError } from './routing-deps.js';

export interface Viewed {
  readonly stored: StoredRequest;
  readonly roles: readonly ViewerRole[];
}

/** Opening a sent request: only the people in it may, and every view is audit-logged. */
export function makeViewRequest(deps: Pick<RoutingDeps, 'requests' | 'audit' | 'clock' | 'directory'>) {
  return async (actor: Actor, requestId: string): Promise<Result<Viewed, RoutingError>> => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' });
    const { request } = stored;
    const at = deps.clock.now().toISOString();
    const roles = rolesIn(deps.directory.current(), actor.id, request);
    if (roles.length === 0) {
      await deps.audit.record({ at, actorId: actor.id, action: 'request.access_denied', requestId });
      return err({ code: 'request.not_permitted' });
    }
    await deps.audit.record({ at, actorId: actor.id, action: 'request.read', requestId, reference: request.reference, status: request.status });
    return ok({ stored, roles });
  };
}

export type WaitingStep = 'approve' | 'acknowledge' | 'name_worker' | 'agree_meeting';

export interface WaitingItem {
  readonly request: CollaborationRequest;
  readonly unitId: string;
  readonly step: WaitingStep;
}

/**
 * What waits for someone: for those who approve (never the filer), approvals in the sending unit;
 * for supervisors and deputies, acknowledgements and naming in receiving units; for a named
 * worker, agreeing the meeting.
 */
export function makeListWaitingFor(deps: Pick<RoutingDeps, 'requests' | 'directory'>) {
  return async (personId: string): Promise<WaitingItem[]> => {
    const directory = deps.directory.current();
    const items = new Map<string, WaitingItem>();
    // An escalation approves for a unit it may not belong to.
    const units = new Set([...directory.unitsOf(personId), ...directory.unitsEscalatedTo(personId)]);
    for (const unit of units) {
      const lead = directory.isSupervisorOrDeputy(personId, unit.id);
      for (const request of await deps.requests.listByUnit(unit.id)) {
        const step = waitingStep(request, unit.id, personId, lead, mayApprove(directory, personId, request));
        if (step && !items.has(`${request.id}|${unit.id}`)) items.set(`${request.id}|${unit.id}`, { request, unitId: unit.id, step });
      }
    }
    return [...items.values()];
  };
}

function waitingStep(request: CollaborationRequest, unitId: string, personId: string, lead: boolean, approver: boolean): WaitingStep | undefined {
  const handling = request.units.find((u) => u.unitId === unitId);
  if (request.status === 'routed' && handling?.namedWorkerId === personId) return 'agree_meeting';
  if (request.status === 'submitted' && request.sendingUnitId === unitId) return approver ? 'approve' : undefined;
  if (!lead) return undefined;
  if (request.status !== 'routed') return undefined;
  if (handling?.status === 'awaiting_acknowledgement') return 'acknowledge';
  if (handling?.status === 'acknowledged') return 'name_worker';
  return undefined;
}
