import { isFinished, type CollaborationRequest } from '../domain/collaboration/request.js';

/**
 * Which indexes a request is filed under: per unit while it is open, and once finished (until its
 * description is purged), and per person who is part of it (its sender, named workers and omatyöntekijä) apart
 * for open and finished cases, so a person's caseload reads only their own cases.
 */

// Index names are keys without the prefix and the workflow core's hash tag (KeySpace.index); unit ids are [a-z0-9-]
// and person ids are encoded, so a space separates names.
export const openIndex = (unitId: string) => `unit:${unitId}:open-requests`;
export const finishedIndex = (unitId: string) => `unit:${unitId}:finished-requests`;
export const personOpenIndex = (personId: string) => `person:${encodeURIComponent(personId)}:open-requests`;
export const personFinishedIndex = (personId: string) => `person:${encodeURIComponent(personId)}:finished-requests`;

export const namesIn = (filed: string | null | undefined): string[] => (filed ? filed.split(' ') : []);

/**
 * The indexes a request belongs in as it stands. A draft involves no unit and nobody but its
 * writer (whose own list has it), so it is in none. A finished case whose description was purged
 * at the end of retention leaves its units' and people's lists of ended cases.
 */
export function unitIndexes(request: CollaborationRequest): string[] {
  if (request.status === 'draft') return [];
  const open = !isFinished(request);
  const listed = open || !request.purgedAt;
  const units = listed ? unitsInvolved(request).map((unitId) => (open ? openIndex(unitId) : finishedIndex(unitId))) : [];
  const people = listed ? participantsOf(request).map((personId) => (open ? personOpenIndex(personId) : personFinishedIndex(personId))) : [];
  return [...units, ...people];
}

/** The people a sent request is filed under by name; its approvers and receiving leads are read from the unit indexes. */
export function participantsOf(request: CollaborationRequest): string[] {
  if (request.status === 'draft') return [];
  const named = request.units.map((u) => u.namedWorkerId);
  return [...new Set([request.ownerId, ...named, request.responsibleWorkerId].filter((p): p is string => Boolean(p)))];
}

/** The indexes a write takes the request out of, and all it is in after the write. */
export function refiling(filed: string | null | undefined, request: CollaborationRequest): { leaving: string[]; now: string[] } {
  const now = unitIndexes(request);
  return { leaving: namesIn(filed).filter((name) => !now.includes(name)), now };
}

function unitsInvolved(request: CollaborationRequest): string[] {
  return [...new Set([request.sendingUnitId, ...request.collaborationUnitIds].filter((u): u is string => Boolean(u)))];
}
