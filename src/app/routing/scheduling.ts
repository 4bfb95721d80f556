import type { CalendarGateway } from '../calendar-gateway.js';
import type { SlotReservations } from '../ports.js';
import type { SlotFinder } from '../../domain/slots/slot-finder.js';

/** What booking needs; absent when Graph is not configured, and then no meeting is booked. */
export interface Scheduling {
  readonly calendar: CalendarGateway;
  readonly reservations: SlotReservations;
  readonly finder: SlotFinder;
  readonly leadWorkingDays: number;
  /** How many times to offer: the next free one and two alternatives. */
  readonly proposals: number;
  /** What calendars get: the word Yhteistyöaika and the reference, nothing else. */
  readonly eventTexts: (reference: string) => { readonly subject: string; readonly body: string; readonly cancelComment: string };
}
