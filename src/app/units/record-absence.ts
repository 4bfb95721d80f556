import { unitLeads } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import { countyDate } from '../../domain/time.js';
import type { Absence, Actor } from '../ports.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export type AbsenceError =
  | { readonly code: 'absence.not_a_lead' }
  | { readonly code: 'absence.invalid_period' }
  | { readonly code: 'absence.unknown_substitute' };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A supervisor or deputy says they are away ("poissa 2026-12-21..2027-01-03 sijainen Maija
 * Mallikas"): meanwhile the reminders meant for them go at once to the substitute, who must lead
 * one of the same units, or else to the units' deputies. Their rights do not move: approvals
 * already reach every lead of the unit.
 */
export function makeRecordAbsence(deps: Pick<WorkflowDeps, 'directory' | 'reminders' | 'audit' | 'clock'>) {
  return async (actor: Actor, from: string, to: string, substituteName?: string): Promise<Result<Absence & { readonly units: string[] }, AbsenceError>> => {
    const directory = deps.directory.current();
    const units = directory.unitsLedBy(actor.id).map((u) => u.id);
    if (units.length === 0) return err({ code: 'absence.not_a_lead' });
    if (!isoDate.test(from) || !isoDate.test(to) || to < from || to < countyDate(deps.clock.now())) return err({ code: 'absence.invalid_period' });
    let substituteId: string | undefined;
    if (substituteName?.trim()) {
      const wanted = substituteName.trim().toLocaleLowerCase('fi');
      substituteId = [...new Set(units.flatMap((unitId) => unitLeads(directory, unitId)))].find((id) => id !== actor.id && directory.person(id)?.name.toLocaleLowerCase('fi') === wanted);
      if (!substituteId) return err({ code: 'absence.unknown_substitute' });
    }
    const absence = { from, to, substituteId };
    await deps.reminders.absences.record(actor.id, absence);
    const at = deps.clock.now().toISOString();
    for (const unitId of units) await deps.audit.record({ at, actorId: actor.id, action: 'unit.absence_recorded', requestId: '-', unitId });
    return ok({ ...absence, units });
  };
}
