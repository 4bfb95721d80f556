import { rolesIn, type ViewerRole } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

export interface Viewed {
  readonly stored: StoredRequest;
  readonly roles: readonly ViewerRole[];
}

/** Opening a sent request: only the people in it may, and every view is audit-logged. */
export function makeViewRequest(deps: Pick<WorkflowDeps, 'requests' | 'audit' | 'clock' | 'directory'>) {
  return async (actor: Actor, requestId: string): Promise<Result<Viewed, WorkflowError>> => {
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
