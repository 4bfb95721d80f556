import { isFinished, type CollaborationRequest } from '../domain/collaboration/request.js';
import { monthsCounted } from '../domain/metrics/unit-metrics.js';

/** Which unit indexes a request is filed under: by the months it counts in, and while it is open. */

// Index names are keys without the prefix; unit ids are [a-z0-9-], so a space separates names.
export const monthIndex = (unitId: string, month: string) => `unit:${unitId}:month:${month}:requests`;
export const openIndex = (unitId: string) => `unit:${unitId}:open-requests`;

export const namesIn = (filed: string | null | undefined): string[] => (filed ? filed.split(' ') : []);

/** The unit indexes a request belongs in as it stands. A draft involves no unit, so it is in none. */
export function unitIndexes(request: CollaborationRequest): string[] {
  const months = monthsCounted(request);
  const open = !isFinished(request);
  return unitsInvolved(request).flatMap((unitId) => [...months.map((month) => monthIndex(unitId, month)), ...(open ? [openIndex(unitId)] : [])]);
}

/** The indexes a write takes the request out of, and all it is in after the write. */
export function refiling(filed: string | null | undefined, request: CollaborationRequest): { leaving: string[]; now: string[] } {
  const now = unitIndexes(request);
  return { leaving: namesIn(filed).filter((name) => !now.includes(name)), now };
}

function unitsInvolved(request: CollaborationRequest): string[] {
  if (request.status === 'draft') return [];
  return [...new Set([request.sendingUnitId, ...request.collaborationUnitIds].filter((u): u is string => Boolean(u)))];
}
