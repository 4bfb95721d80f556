import { parseReference, type RequestStatus } from '../../domain/collaboration/request.js';
import { mayReadAuditTrail } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, AuditEntry, AuditLog, AuditTrail, Clock, DirectoryProvider, RequestRepository } from '../ports.js';

export interface AuditTrailDeps {
  readonly requests: Pick<RequestRepository, 'findByReference'>;
  readonly audit: AuditLog;
  readonly trail: AuditTrail;
  readonly directory: DirectoryProvider;
  readonly clock: Clock;
}

export type AuditTrailError = { readonly code: 'audit.not_permitted' } | { readonly code: 'audit.invalid_reference' } | { readonly code: 'audit.not_found' };

/** Every access to and disclosure of one request, oldest first, this read of it included. */
export interface AuditTrailView {
  readonly requestId: string;
  readonly reference: string;
  readonly status: RequestStatus;
  readonly entries: readonly AuditEntry[];
}

export type ReadAuditTrail = (actor: Actor, reference: string) => Promise<Result<AuditTrailView, AuditTrailError>>;

/**
 * The data protection officer answers a client's question (asiakastietolaki: who has processed
 * my data, and to whom was it disclosed) from the request's reference. Anyone else is refused,
 * and the attempt is logged against the request when the reference names one. The officer's own
 * read is logged before the trail is read, so it is the trail's last entry.
 */
export function makeReadAuditTrail(deps: AuditTrailDeps): ReadAuditTrail {
  return async (actor, typed) => {
    const reference = parseReference(typed);
    const request = reference ? await deps.requests.findByReference(reference) : undefined;
    const at = deps.clock.now().toISOString();
    if (!mayReadAuditTrail(deps.directory.current(), actor.id)) {
      await deps.audit.record({ at, actorId: actor.id, action: 'request.access_denied', requestId: request?.id ?? '-', reference: request?.reference });
      return err({ code: 'audit.not_permitted' });
    }
    if (!reference) return err({ code: 'audit.invalid_reference' });
    if (!request) return err({ code: 'audit.not_found' });
    await deps.audit.record({ at, actorId: actor.id, action: 'request.audit_read', requestId: request.id, reference, status: request.status });
    return ok({ requestId: request.id, reference, status: request.status, entries: await deps.trail.entriesFor(request.id) });
  };
}
