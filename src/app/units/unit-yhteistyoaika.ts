import { plusDays } from '../../domain/slots/calendar-days.js';
import { CALENDAR_OCCURRENCES, checkBlock, type BlockProblem, type UnitOccurrence } from '../../domain/slots/unit-occurrences.js';
import { firstOccurrenceFrom } from '../../domain/slots/yhteistyoaika-series.js';
import { inspectFields } from '../../domain/privacy/identifier-guard.js';
import { err, ok, type Result } from '../../domain/result.js';
import { countyDate } from '../../domain/time.js';
import type { Actor } from '../ports.js';
import type { Scheduling } from '../workflow/scheduling.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/** A unit's next occurrences, each booked part named by its request's reference only. */
export interface UnitCalendar {
  readonly unitId: string;
  readonly occurrences: readonly UnitOccurrence[];
  readonly references: ReadonlyMap<string, string>;
}

export type UnitCalendarError =
  | { readonly code: 'calendar.unavailable' }
  | { readonly code: 'calendar.not_a_lead' }
  | BlockProblem
  | { readonly code: 'block.identifiers_found' }
  | { readonly code: 'block.not_blocked' };

type Deps = Pick<WorkflowDeps, 'directory' | 'scheduling' | 'requests' | 'audit' | 'clock'>;

/**
 * The units whose Yhteistyöaika a person runs: those they lead (supervisor or deputy) that hold
 * their own; a health-care unit meeting in a social-care unit's has none of its own to run.
 */
function unitsRunBy(deps: Deps, personId: string): string[] {
  const directory = deps.directory.current();
  return directory.unitsLedBy(personId).filter((u) => directory.yhteistyoaikaUnitOf(u.id) === u.id).map((u) => u.id);
}

async function calendarOf(deps: Deps, scheduling: Scheduling, unitId: string): Promise<UnitCalendar> {
  const from = firstOccurrenceFrom(scheduling.series, countyDate(deps.clock.now()));
  const to = plusDays(from, scheduling.series.intervalDays * (CALENDAR_OCCURRENCES - 1));
  const [booked, blocks] = await Promise.all([scheduling.reservations.bookedBetween(unitId, from, to), scheduling.blocks.between(unitId, from, to)]);
  const occurrences = scheduling.finder.calendar({ unitId, from, count: CALENDAR_OCCURRENCES, casesPerSlot: deps.directory.current().casesPerSlotOf(unitId), booked, blocks });
  const requestIds = [...new Set(booked.map((b) => b.requestId))];
  const stored = await Promise.all(requestIds.map((id) => deps.requests.get(id)));
  const references = new Map(requestIds.map((id, i) => [id, stored[i]?.request.reference ?? '']));
  return { unitId, occurrences, references };
}

/** "yhteistyöajat": a supervisor's units' next eight occurrences, what is booked and what is free. */
export function makeViewUnitCalendars(deps: Deps) {
  return async (actor: Actor): Promise<Result<UnitCalendar[], UnitCalendarError>> => {
    const scheduling = deps.scheduling;
    if (!scheduling) return err({ code: 'calendar.unavailable' });
    const units = unitsRunBy(deps, actor.id);
    if (units.length === 0) return err({ code: 'calendar.not_a_lead' });
    return ok(await Promise.all(units.map((unitId) => calendarOf(deps, scheduling, unitId))));
  };
}

/**
 * A supervisor takes one occurrence of their unit out of use, with a reason the unit's leads see:
 * no new case is offered it. Cases already booked there keep their time; the card lists them, so
 * the supervisor can ask their chairs to move. Undone as easily, so no confirmation is asked.
 */
export function makeBlockOccurrence(deps: Deps) {
  return async (actor: Actor, unitId: string, date: string, reason: string): Promise<Result<UnitCalendar, UnitCalendarError>> => {
    const scheduling = deps.scheduling;
    if (!scheduling) return err({ code: 'calendar.unavailable' });
    if (!unitsRunBy(deps, actor.id).includes(unitId)) return err({ code: 'calendar.not_a_lead' });
    const checked = checkBlock(scheduling.series, countyDate(deps.clock.now()), date, reason);
    if (!checked.ok) return checked;
    // The reason reaches every lead of the unit and is about the unit's time: it names no one, so
    // even a word that only looks like a name is refused, where a description would just be warned.
    const screened = inspectFields({ blockReason: checked.value }, { contactFields: [] });
    if (screened.blocking.length > 0 || screened.nameHints.length > 0) return err({ code: 'block.identifiers_found' });
    const at = deps.clock.now().toISOString();
    await scheduling.blocks.block(unitId, date, { reason: checked.value, by: actor.id, at });
    await deps.audit.record({ at, actorId: actor.id, action: 'unit.occurrence_blocked', requestId: '-', unitId });
    return ok(await calendarOf(deps, scheduling, unitId));
  };
}

/** The occurrence is in use again: new cases may be offered it. */
export function makeUnblockOccurrence(deps: Deps) {
  return async (actor: Actor, unitId: string, date: string): Promise<Result<UnitCalendar, UnitCalendarError>> => {
    const scheduling = deps.scheduling;
    if (!scheduling) return err({ code: 'calendar.unavailable' });
    if (!unitsRunBy(deps, actor.id).includes(unitId)) return err({ code: 'calendar.not_a_lead' });
    if (!(await scheduling.blocks.unblock(unitId, date))) return err({ code: 'block.not_blocked' });
    await deps.audit.record({ at: deps.clock.now().toISOString(), actorId: actor.id, action: 'unit.occurrence_unblocked', requestId: '-', unitId });
    return ok(await calendarOf(deps, scheduling, unitId));
  };
}
