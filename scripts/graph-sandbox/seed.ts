import { countyInstant, plusDays } from '../../src/domain/slots/calendar-days.js';
import { countyDate } from '../../src/domain/time.js';
import { DEFAULT_SERIES, occurrencesFrom } from '../../src/domain/slots/yhteistyoaika-series.js';
import type { GraphSandbox } from './server.js';

/**
 * Busy times for the local demo on the series' next occurrences, so the first proposal round has
 * something to skip and explain: the child-psychiatry worker through the first one a booking made
 * today could take, and the sending supervisor in the next.
 */
export function seedDemoBusyTimes(sandbox: GraphSandbox, now: Date, anchor: string): void {
  const occurrences = occurrencesFrom({ ...DEFAULT_SERIES, anchor }, plusDays(countyDate(now), 3));
  const first = occurrences.next().value!.date;
  const second = occurrences.next().value!.date;
  const busy: readonly [string, string, string, string][] = [
    ['olli.nieminen@hyvinvointialue.example', first, '11:00', '14:00'],
    ['sanna.esihenkilo@hyvinvointialue.example', second, '12:00', '13:00'],
  ];
  for (const [mailbox, date, from, to] of busy) {
    sandbox.calendars.addBusy(mailbox, countyInstant(date, from).toISOString(), countyInstant(date, to).toISOString());
  }
}
