import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { mayActAsSender, namedUnitOf } from '../../domain/privacy/access-policy.js';
import type { CaseView } from './case-cards.js';

/** The case as the person who just acted sees it: a named worker's view, else the sender's status view. */
export function ownCaseView(request: CollaborationRequest, viewerId: string): CaseView {
  const namedIn = namedUnitOf(request, viewerId);
  return namedIn && !mayActAsSender(request, viewerId) ? { kind: 'named', viewerId, unitId: namedIn } : { kind: 'status', viewerId };
}
