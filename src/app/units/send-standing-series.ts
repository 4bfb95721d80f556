import { err, ok, type Result } from '../../domain/result.js';
import { countyDate } from '../../domain/time.js';
import { firstOccurrenceFrom, occurrenceOn } from '../../domain/slots/yhteistyoaika-series.js';
import type { Actor } from '../ports.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export type SeriesError = { readonly code: 'series.not_supervisor' } | { readonly code: 'series.unavailable' };

export interface SeriesSent {
  readonly unitId: string;
  readonly attendees: number;
}

/**
 * The seed's standing reservation: the supervisor of a social-care unit sends "Yhteistyöaika"
 * every other Wednesday to the unit. A transaction id per unit makes a repeated send the same event.
 */
export function makeSendStandingSeries(deps: WorkflowDeps) {
  return async (actor: Actor): Promise<Result<SeriesSent[], SeriesError>> => {
    const scheduling = deps.scheduling;
    if (!scheduling) return err({ code: 'series.unavailable' });
    const directory = deps.directory.current();
    const organizer = directory.person(actor.id)?.email;
    const units = directory.units.filter((u) => u.kind === 'social_care' && u.supervisors.includes(actor.id));
    if (units.length === 0 || !organizer) return err({ code: 'series.not_supervisor' });
    const first = occurrenceOn(scheduling.series, firstOccurrenceFrom(scheduling.series, countyDate(deps.clock.now())));
    const sent: SeriesSent[] = [];
    for (const unit of units) {
      const attendees = [...new Set([...unit.members, ...unit.deputies])].flatMap((id) => directory.person(id)?.email ?? []);
      await scheduling.calendar.createMeeting({
        organizer,
        subject: scheduling.seriesTexts.subject,
        bodyText: scheduling.seriesTexts.body,
        startIso: first.start.toISOString(),
        endIso: first.end.toISOString(),
        attendees,
        transactionId: `yt-series-${unit.id}`,
        recurrence: { intervalWeeks: scheduling.series.intervalDays / 7, startDate: first.date },
      });
      await deps.audit.record({ at: deps.clock.now().toISOString(), actorId: actor.id, action: 'unit.series_sent', requestId: '-', unitId: unit.id });
      sent.push({ unitId: unit.id, attendees: attendees.length });
    }
    return ok(sent);
  };
}
