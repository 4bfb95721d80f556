import { err, ok, type Result } from '../result.js';
import type { CalendarDate } from './calendar-days.js';
import { firstOccurrenceFrom, type SeriesSettings } from './yhteistyoaika-series.js';

/** Why a unit's supervisor took one occurrence out of use: shown to the unit's leads, never a client's matter. */
export interface OccurrenceBlock {
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

/** A part of an occurrence and the request holding it, if any. */
export interface OccurrencePart {
  readonly index: number;
  readonly start: Date;
  readonly end: Date;
  readonly requestId?: string | undefined;
}

/** One occurrence of a unit's Yhteistyöaika as its supervisor sees it: what takes it out of use, and each part. */
export interface UnitOccurrence {
  readonly date: CalendarDate;
  readonly start: Date;
  readonly end: Date;
  readonly holiday?: string | undefined;
  readonly blackout: boolean;
  readonly block?: OccurrenceBlock | undefined;
  readonly parts: readonly OccurrencePart[];
}

export interface CalendarQuery {
  readonly unitId: string;
  readonly from: CalendarDate;
  readonly count: number;
  readonly casesPerSlot: number;
  readonly booked: readonly { readonly date: CalendarDate; readonly index: number; readonly parts: number; readonly requestId: string }[];
  readonly blocks: ReadonlyMap<CalendarDate, OccurrenceBlock>;
}

/** As many occurrences as a supervisor sees at once: about four months. */
export const CALENDAR_OCCURRENCES = 8;

/** Long enough for "koulutuspäivä" or "henkilöstökokous"; a block's reason is no place for a case. */
export const BLOCK_REASON_LIMIT = 200;

export type BlockProblem = { readonly code: 'block.not_an_occurrence' } | { readonly code: 'block.past' } | { readonly code: 'block.reason_required' } | { readonly code: 'block.reason_too_long' };

/** A block a supervisor may set: on an occurrence of the series, today or later, with a reason. */
export function checkBlock(series: SeriesSettings, today: CalendarDate, date: CalendarDate, reason: string): Result<string, BlockProblem> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || firstOccurrenceFrom(series, date) !== date) return err({ code: 'block.not_an_occurrence' });
  if (date < today) return err({ code: 'block.past' });
  const trimmed = reason.trim();
  if (!trimmed) return err({ code: 'block.reason_required' });
  if (trimmed.length > BLOCK_REASON_LIMIT) return err({ code: 'block.reason_too_long' });
  return ok(trimmed);
}
