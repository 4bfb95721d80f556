import type { CalendarGateway } from '../calendar-gateway.js';
import type { OccurrenceBlocks, SlotReservations } from '../ports.js';
import type { SlotFinder } from '../../domain/slots/slot-finder.js';
import type { SeriesSettings } from '../../domain/slots/yhteistyoaika-series.js';

/** What booking needs; absent when Graph is not configured, and then no meeting is booked. */
export interface Scheduling {
  readonly calendar: CalendarGateway;
  readonly reservations: SlotReservations;
  readonly blocks: OccurrenceBlocks;
  readonly finder: SlotFinder;
  readonly series: SeriesSettings;
  readonly leadWorkingDays: number;
  /** Books from this mailbox instead of the chair's own calendar; the chair is then an attendee. */
  readonly organizerMailbox?: string | undefined;
  /** How many times to offer: the next free one and two alternatives. */
  readonly proposals: number;
  /** What calendars get: the word Yhteistyöaika and the reference, nothing else. */
  readonly eventTexts: (reference: string) => { readonly subject: string; readonly body: string; readonly cancelComment: string };
  /** The standing reservation's texts; its occurrences are not "busy" when a case is booked into them. */
  readonly seriesTexts: { readonly subject: string; readonly body: string };
}
