import { mayActAsSender } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { StoredRequest } from '../ports.js';
import type { Actor } from '../ports.js';
import type { IntakeDeps } from './intake-deps.js';
import type { IntakeError } from './intake-errors.js';

export type OpenRequest = (actor: Actor, requestId: string) => Promise<Result<StoredRequest, IntakeError>>;

/** Reading a description is an access to client data: it is audit-logged, refused or not. */
export function makeOpenRequest(deps: Pick<IntakeDeps, 'requests' | 'audit' | 'clock'>): OpenRequest {
  return async (actor, requestId) => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' });
    const at = deps.clock.now().toISOString();
    const { request } = stored;
    if (!mayActAsSender(request, actor.id)) {
      await deps.audit.record({ at, actorId: actor.id, action: 'request.access_denied', requestId });
      return err({ code: 'request.not_owner' });
    }
    await deps.audit.record({ at, actorId: actor.id, action: 'request.read', requestId, reference: request.reference, status: request.status });
    return ok(stored);
  };
}
