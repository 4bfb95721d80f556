import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export type WaitingStep = 'approve' | 'acknowledge' | 'name_worker' | 'agree_meeting';

export interface WaitingItem {
  readonly request: CollaborationRequest;
  readonly unitId: string;
  readonly step: WaitingStep;
}

/**
 * What waits for someone: for supervisors and deputies, approvals in the sending unit and
 * acknowledgements and naming in receiving units; for a named worker, agreeing the meeting.
 */
export function makeListWaitingFor(deps: Pick<WorkflowDeps, 'requests' | 'directory'>) {
  return async (personId: string): Promise<WaitingItem[]> => {
    const directory = deps.directory.current();
    const items = new Map<string, WaitingItem>();
    for (const unit of directory.unitsOf(personId)) {
      const lead = directory.isSupervisorOrDeputy(personId, unit.id);
      for (const request of await deps.requests.listByUnit(unit.id)) {
        const step = waitingStep(request, unit.id, personId, lead);
        if (step && !items.has(`${request.id}|${unit.id}`)) items.set(`${request.id}|${unit.id}`, { request, unitId: unit.id, step });
      }
    }
    return [...items.values()];
  };
}

function waitingStep(request: CollaborationRequest, unitId: string, personId: string, lead: boolean): WaitingStep | undefined {
  const handling = request.units.find((u) => u.unitId === unitId);
  if (request.status === 'routed' && handling?.namedWorkerId === personId) return 'agree_meeting';
  if (!lead) return undefined;
  // Four eyes: nobody approves what they filed, so their own request waits for the other leads.
  if (request.status === 'submitted' && request.sendingUnitId === unitId && request.ownerId !== personId) return 'approve';
  if (request.status !== 'routed') return undefined;
  if (handling?.status === 'awaiting_acknowledgement') return 'acknowledge';
  if (handling?.status === 'acknowledged') return 'name_worker';
  return undefined;
}
