import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import type { IntakeDeps } from './intake-deps.js';

export type ListMyRequests = (ownerId: string) => Promise<CollaborationRequest[]>;

export function makeListMyRequests(deps: Pick<IntakeDeps, 'requests'>): ListMyRequests {
  return (ownerId) => deps.requests.listByOwner(ownerId);
}
