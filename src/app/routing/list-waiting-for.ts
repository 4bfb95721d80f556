import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { mayApprove } from '../../domain/privacy/access-policy.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export type WaitingStep = 'approve' | 'acknowledge' | 'name_worker' | 'agree_meeting';

export interface WaitingItem {
  readonly request: CollaborationRequest;
  readonly unitId: string;
  readonly step: WaitingStep;
}

/**
 * What waits for someone: for those who approve (never the filer), approvals in the sending unit;
 * for supervisors and deputies, acknowledgements and naming in receiving units; for a named
 * worker, agreeing the meeting. Every such step comes before a case closes, so only the units'
 * open cases are read: all of them, however long the units' closed history is.
 */
export function makeListWaitingFor(deps: Pick<WorkflowDeps, 'requests' | 'directory'>) {
  return async (personId: string): Promise<WaitingItem[]> => {
    const directory = deps.directory.current();
    const items = new Map<string, WaitingItem>();
    // An escalation approves for a unit it may not belong to.
    const units = new Set([...directory.unitsOf(personId), ...directory.unitsEscalatedTo(personId)]);
    for (const unit of units) {
      const lead = directory.isSupervisorOrDeputy(personId, unit.id);
      for (const request of await deps.requests.listOpenByUnit(unit.id)) {
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
