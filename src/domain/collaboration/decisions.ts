import { err, ok, type Result } from '../result.js';
import type { UnitDirectory } from '../units/unit-directory.js';
import type { DecisionError } from './errors.js';
import { isFinished, PROCESSING_MOVE_REASONS, WORKER_REPLACE_REASONS, type CollaborationRequest, type ProcessingMoveReason, type UnitHandling, type WorkerReplaceReason } from './request.js';

/**
 * The sending and receiving steps of the worker guide as pure transitions. Each takes the
 * request as read and returns the changed request or a typed refusal; a step already taken
 * names who took it and when, so the loser of a race learns "already handled by NAME at TIME".
 */

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function alreadyDecided(request: CollaborationRequest): DecisionError {
  const fact = request.decision ?? request.withdrawn;
  return fact ? { code: 'request.already_decided', by: fact.by, at: fact.at } : { code: 'request.illegal_transition' };
}

export function approve(request: CollaborationRequest, by: string, at: string): Result<CollaborationRequest, DecisionError> {
  if (request.status !== 'submitted') return err(alreadyDecided(request));
  return ok({ ...request, status: 'approved', updatedAt: at, decision: { kind: 'approved', by, at } });
}

/** Routing makes the request binding: every collaboration unit now owes an acknowledgement. */
export function route(request: CollaborationRequest, at: string): Result<CollaborationRequest, DecisionError> {
  if (request.status !== 'approved') return err(alreadyDecided(request));
  return ok({
    ...request,
    status: 'routed',
    updatedAt: at,
    units: request.collaborationUnitIds.map((unitId) => ({ unitId, status: 'awaiting_acknowledgement' as const })),
  });
}

export function returnToWorker(request: CollaborationRequest, by: string, at: string): Result<CollaborationRequest, DecisionError> {
  if (request.status !== 'submitted') return err(alreadyDecided(request));
  return ok({ ...request, status: 'returned', updatedAt: at, decision: { kind: 'returned', by, at } });
}

/** The worker may withdraw until a meeting has been held; a draft is deleted instead. */
export function withdraw(request: CollaborationRequest, by: string, at: string): Result<CollaborationRequest, DecisionError> {
  if (request.withdrawn) return err({ code: 'request.already_decided', by: request.withdrawn.by, at: request.withdrawn.at });
  if (!['submitted', 'returned', 'approved', 'routed', 'meeting_proposed', 'booked'].includes(request.status)) {
    return err({ code: 'request.illegal_transition' });
  }
  return ok({ ...request, status: 'withdrawn', updatedAt: at, withdrawn: { by, at } });
}

/** A unit's processing date: a date, today or later. */
const isProcessingDate = (date: string, today: string) => isoDate.test(date) && date >= today;

function changeUnit(
  request: CollaborationRequest,
  unitId: string,
  change: (unit: UnitHandling) => Result<UnitHandling, DecisionError>,
  at: string,
): Result<CollaborationRequest, DecisionError> {
  if (request.status !== 'routed') return err(alreadyDecided(request));
  const unit = request.units.find((u) => u.unitId === unitId);
  if (!unit) return err({ code: 'request.unit_not_involved' });
  const changed = change(unit);
  if (!changed.ok) return changed;
  return ok({ ...request, updatedAt: at, units: request.units.map((u) => (u.unitId === unitId ? changed.value : u)) });
}

/** Kuittaus: the receiving supervisor confirms receipt and names the team meeting that handles it. */
export function acknowledge(
  request: CollaborationRequest,
  unitId: string,
  processingDate: string,
  today: string,
  by: string,
  at: string,
): Result<CollaborationRequest, DecisionError> {
  return changeUnit(
    request,
    unitId,
    (unit) => {
      if (unit.acknowledged) return err({ code: 'request.already_decided', by: unit.acknowledged.by, at: unit.acknowledged.at });
      if (!isProcessingDate(processingDate, today)) return err({ code: 'request.invalid_date' });
      return ok({ ...unit, status: 'acknowledged', processingDate, acknowledged: { by, at } });
    },
    at,
  );
}

/**
 * The receiving lead moves the unit's processing date, with a reason from the short list, until
 * the unit has named its worker (after that the date has done its part). The naming reminder
 * follows the new date.
 */
export function moveProcessingDate(
  request: CollaborationRequest,
  unitId: string,
  processingDate: string,
  reason: string,
  today: string,
  by: string,
  at: string,
): Result<CollaborationRequest, DecisionError> {
  return changeUnit(
    request,
    unitId,
    (unit) => {
      if (unit.status === 'awaiting_acknowledgement') return err({ code: 'request.illegal_transition' });
      if (unit.status === 'worker_named') return err({ code: 'request.already_decided', by: unit.named?.by ?? '', at: unit.named?.at ?? '' });
      if (!isProcessingDate(processingDate, today)) return err({ code: 'request.invalid_date' });
      if (processingDate === unit.processingDate) return err({ code: 'request.date_unchanged' });
      if (!(PROCESSING_MOVE_REASONS as readonly string[]).includes(reason)) return err({ code: 'request.move_reason_required' });
      const moved = { from: unit.processingDate ?? '', reason: reason as ProcessingMoveReason, by, at };
      return ok({ ...unit, processingDate, processingDateMoved: moved });
    },
    at,
  );
}

/** The request is binding: a unit cannot decline, only name who joins the team. */
export function nameWorker(
  request: CollaborationRequest,
  unitId: string,
  workerId: string,
  directory: UnitDirectory,
  by: string,
  at: string,
): Result<CollaborationRequest, DecisionError> {
  return changeUnit(
    request,
    unitId,
    (unit) => {
      if (unit.named) return err({ code: 'request.already_decided', by: unit.named.by, at: unit.named.at });
      if (!unit.acknowledged) return err({ code: 'request.illegal_transition' });
      if (!directory.unitsOf(workerId).some((u) => u.id === unitId)) return err({ code: 'request.worker_not_in_unit' });
      return ok({ ...unit, status: 'worker_named', namedWorkerId: workerId, named: { by, at } });
    },
    at,
  );
}

/**
 * The receiving lead replaces the unit's named worker, with a reason from the short list, at any
 * point before the case ends: the new worker is a member of the unit and not the one named. The
 * request stays where it is; the new worker takes the old one's place everywhere the request
 * names a participant (the meeting's attendees, reminders), and the old one no longer sees it.
 */
export function replaceNamedWorker(
  request: CollaborationRequest,
  unitId: string,
  workerId: string,
  reason: string,
  directory: UnitDirectory,
  by: string,
  at: string,
): Result<CollaborationRequest, DecisionError> {
  if (isFinished(request) || !['routed', 'meeting_proposed', 'booked', 'held', 'follow_up'].includes(request.status)) return err({ code: 'request.illegal_transition' });
  const unit = request.units.find((u) => u.unitId === unitId);
  if (!unit) return err({ code: 'request.unit_not_involved' });
  if (unit.status !== 'worker_named' || !unit.namedWorkerId) return err({ code: 'request.illegal_transition' });
  if (workerId === unit.namedWorkerId) return err({ code: 'request.same_worker' });
  if (!directory.unitsOf(workerId).some((u) => u.id === unitId)) return err({ code: 'request.worker_not_in_unit' });
  if (!(WORKER_REPLACE_REASONS as readonly string[]).includes(reason)) return err({ code: 'request.replace_reason_required' });
  const replaced: UnitHandling = {
    ...unit,
    namedWorkerId: workerId,
    named: { by, at },
    workerReplaced: { previousWorkerId: unit.namedWorkerId, reason: reason as WorkerReplaceReason, by, at },
  };
  // A replaced worker who was the omatyöntekijä (they left, or are away for long) hands the role to their replacement with the rest.
  const responsibleWorkerId = request.responsibleWorkerId === unit.namedWorkerId ? workerId : request.responsibleWorkerId;
  return ok({ ...request, updatedAt: at, responsibleWorkerId, units: request.units.map((u) => (u.unitId === unitId ? replaced : u)) });
}

/**
 * The chair (the sending worker) is handed over to another worker of the sending unit, by the
 * chair or the unit's lead, at any point after sending and before the case ends. The new chair
 * takes the old one's place everywhere the request names its owner; an omatyöntekijä who was the
 * chair hands that role on too.
 */
export function handOverChair(request: CollaborationRequest, newOwnerId: string, directory: UnitDirectory, by: string, at: string): Result<CollaborationRequest, DecisionError> {
  if (request.status === 'draft' || isFinished(request)) return err({ code: 'request.illegal_transition' });
  if (newOwnerId === request.ownerId) return err({ code: 'request.same_worker' });
  if (!directory.unitsOf(newOwnerId).some((u) => u.id === request.sendingUnitId)) return err({ code: 'request.not_in_sending_unit' });
  const responsibleWorkerId = request.responsibleWorkerId === request.ownerId ? newOwnerId : request.responsibleWorkerId;
  return ok({ ...request, ownerId: newOwnerId, responsibleWorkerId, updatedAt: at, chairHandedOver: { previousOwnerId: request.ownerId, by, at } });
}

/**
 * A receiving lead may propose a better-suited unit instead of theirs, before acknowledging.
 * The request stays binding on their unit until the sending supervisor accepts.
 */
export function proposeUnit(
  request: CollaborationRequest,
  fromUnit: string,
  toUnit: string,
  directory: UnitDirectory,
  by: string,
  at: string,
): Result<CollaborationRequest, DecisionError> {
  return changeUnit(
    request,
    fromUnit,
    (unit) => {
      // One proposal per unit: once the sending supervisor has rejected it, the request is the unit's to handle.
      const decided = unit.acknowledged ?? unit.proposal ?? unit.proposalRejected;
      if (decided) return err({ code: 'request.already_decided', by: decided.by, at: decided.at });
      if (!directory.unit(toUnit)) return err({ code: 'request.unit_not_involved' });
      if (toUnit === request.sendingUnitId || request.units.some((u) => u.unitId === toUnit)) return err({ code: 'request.unit_already_involved' });
      return ok({ ...unit, proposal: { unitId: toUnit, by, at } });
    },
    at,
  );
}

/** Accepting moves the request to the proposed unit, which now owes the acknowledgement; rejecting keeps it binding. */
export function decideProposal(
  request: CollaborationRequest,
  fromUnit: string,
  accept: boolean,
  by: string,
  at: string,
): Result<CollaborationRequest, DecisionError> {
  const unit = request.units.find((u) => u.unitId === fromUnit);
  if (request.status !== 'routed' || !unit) return err({ code: 'request.unit_not_involved' });
  if (!unit.proposal) {
    const decided = unit.proposalRejected ?? unit.acknowledged;
    return err(decided ? { code: 'request.already_decided', by: decided.by, at: decided.at } : { code: 'request.illegal_transition' });
  }
  if (!accept) {
    return changeUnit(request, fromUnit, (u) => ok({ ...u, proposal: undefined, proposalRejected: { by, at } }), at);
  }
  const toUnit = unit.proposal.unitId;
  return ok({
    ...request,
    updatedAt: at,
    collaborationUnitIds: request.collaborationUnitIds.map((id) => (id === fromUnit ? toUnit : id)),
    units: request.units.map((u) => (u.unitId === fromUnit ? { unitId: toUnit, status: 'awaiting_acknowledgement' as const } : u)),
  });
}

/** Every unit has named its worker: the meeting can be agreed. */
export function everyWorkerNamed(request: CollaborationRequest): boolean {
  return request.units.length > 0 && request.units.every((u) => u.status === 'worker_named');
}
