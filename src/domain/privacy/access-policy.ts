import type { CollaborationRequest } from '../collaboration/request.js';
import type { UnitDirectory } from '../units/unit-directory.js';

/**
 * Who may see a client description: the sending worker, those who approve it (the sending unit's
 * supervisors and deputies but the filer, or the unit's escalation when its only lead filed it),
 * and, once routed, the receiving units' supervisors, deputies and named workers, and the
 * omatyöntekijä named at a meeting.
 * Roles come from the directory, never from anything a card sends.
 */
export function mayApprove(directory: UnitDirectory, personId: string, request: CollaborationRequest): boolean {
  return approversOf(directory, request).includes(personId);
}

/** Who decides for the sending side: the sending unit's leads but the filer, or its escalation (four eyes). */
export function approversOf(directory: UnitDirectory, request: CollaborationRequest): string[] {
  return request.sendingUnitId === undefined ? [] : directory.approversFor(request.sendingUnitId, request.ownerId);
}

/** Filing a request is told apart from holding no role, so its filer learns why the decision is not theirs. */
export type ApprovalRefusal = { readonly code: 'request.own_request' } | { readonly code: 'request.not_permitted' };

export function approvalRefusal(directory: UnitDirectory, personId: string, request: CollaborationRequest): ApprovalRefusal | undefined {
  if (request.ownerId === personId) return { code: 'request.own_request' };
  return mayApprove(directory, personId, request) ? undefined : { code: 'request.not_permitted' };
}

export function mayHandleUnit(directory: UnitDirectory, personId: string, request: CollaborationRequest, unitId: string): boolean {
  return request.units.some((u) => u.unitId === unitId) && directory.isSupervisorOrDeputy(personId, unitId);
}

export type ViewerRole = 'sending_worker' | 'sending_supervisor' | 'receiving_supervisor' | 'named_worker' | 'responsible_worker';

/** The roles a person holds in this request; none means no access to its description. */
export function rolesIn(directory: UnitDirectory, personId: string, request: CollaborationRequest): ViewerRole[] {
  const roles: ViewerRole[] = [];
  if (request.ownerId === personId) roles.push('sending_worker');
  if (request.status !== 'draft' && mayApprove(directory, personId, request)) roles.push('sending_supervisor');
  if (request.units.some((u) => directory.isSupervisorOrDeputy(personId, u.unitId))) roles.push('receiving_supervisor');
  if (request.units.some((u) => u.namedWorkerId === personId)) roles.push('named_worker');
  if (request.responsibleWorkerId === personId) roles.push('responsible_worker');
  return roles;
}

/** Supervisors and deputies of a unit: the people a binding request addresses. */
export function unitLeads(directory: UnitDirectory, unitId: string): string[] {
  const unit = directory.unit(unitId);
  return unit ? [...new Set([...unit.supervisors, ...unit.deputies])] : [];
}

/**
 * The sending worker's own request: only they edit, send, open or delete it before it is sent, and
 * withdraw it after. A draft is theirs alone: nobody else reads what was never sent.
 */
export function mayActAsSender(request: CollaborationRequest, personId: string): boolean {
  return request.ownerId === personId;
}

/** The sending worker chairs the meeting: chooses, moves and cancels its time and records it. */
export function mayChairMeeting(request: CollaborationRequest, personId: string): boolean {
  return request.ownerId === personId;
}

/** While nobody has chosen a time, any named worker may ask for another round, as the chair may. */
export function mayAskOtherTimes(request: CollaborationRequest, personId: string): boolean {
  return mayChairMeeting(request, personId) || request.units.some((u) => u.namedWorkerId === personId);
}

/** The omatyöntekijä re-convenes a case that has met; after a meeting without consent, the chair does. */
export function mayReconvene(request: CollaborationRequest, personId: string): boolean {
  if (request.status === 'follow_up') return request.responsibleWorkerId === personId;
  return request.status === 'held' && request.ownerId === personId;
}

/** The omatyöntekijä, the chair of a case not handled, or the sending unit's lead closes the case. */
export function mayCloseCase(directory: UnitDirectory, personId: string, request: CollaborationRequest): boolean {
  return request.responsibleWorkerId === personId || (request.status === 'held' && request.ownerId === personId) || mayApprove(directory, personId, request);
}

/** The unit a person was named for in this request, if any. */
export function namedUnitOf(request: CollaborationRequest, personId: string): string | undefined {
  return request.units.find((u) => u.namedWorkerId === personId)?.unitId;
}

/**
 * A request's audit trail (who read it, who received it, on what basis) is the data protection
 * officer's to read, whoever handled the request: it answers the client's own question, not a
 * colleague's. Nobody else reads it, the request's own people included.
 */
export function mayReadAuditTrail(directory: UnitDirectory, personId: string): boolean {
  return directory.isDataProtectionOfficer(personId);
}
