import { countyInstant, plusDays } from '../../src/domain/slots/calendar-days.js';
import { countyDate } from '../../src/domain/time.js';
import type { GraphSandbox } from './server.js';

/**
 * Busy times for the local demo, on the next Wednesdays from today, so a booking has something
 * to skip and explain: the worker's own unit supervisor, and a named worker of child psychiatry.
 */
export function seedDemoBusyTimes(sandbox: GraphSandbox, now: Date): void {
  const today = countyDate(now);
  const day = new Date(`${today}T12:00:00Z`).getUTCDay();
  const nextWednesday = plusDays(today, ((3 - day + 7) % 7) || 7);
  const busy: readonly [string, string, string, string][] = [
    ['olli.nieminen@hyvinvointialue.example', nextWednesday, '11:00', '14:00'],
    ['sanna.esihenkilo@hyvinvointialue.example', plusDays(nextWednesday, 7), '12:00', '13:00'],
    ['wilma.tyontekija@hyvinvointialue.example', plusDays(nextWednesday, 14), '12:00', '12:45'],
  ];
  for (const [mailbox, date, from, to] of busy) {
    sandbox.calendars.addBusy(mailbox, countyInstant(date, from).toISOString(), countyInstant(date, to).toISOString());
  }
}
