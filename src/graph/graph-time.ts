import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { COUNTY_TIME_ZONE } from '../domain/time.js';
import { GraphError } from './graph-error.js';

/** Windows' name for Europe/Helsinki: some Graph calls reject IANA names, none reject this. */
export const HELSINKI_WINDOWS_ZONE = 'FLE Standard Time';

/** Asks Graph to answer in UTC, so reading its times never depends on a zone table. */
export const PREFER_UTC = 'outlook.timezone="UTC"';

export interface GraphDateTime {
  readonly dateTime: string;
  readonly timeZone: string;
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(iso: string): Date {
  const instant = new Date(iso);
  if (!WITH_OFFSET.test(iso) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Expected an ISO 8601 instant with an offset, got "${iso}"`);
  }
  return instant;
}

/** Helsinki wall-clock time, so Exchange applies the daylight-saving rule, not us. */
export function toGraphDateTime(iso: string): GraphDateTime {
  const local = new TZDate(parseInstant(iso), COUNTY_TIME_ZONE);
  return { dateTime: format(local, "yyyy-MM-dd'T'HH:mm:ss"), timeZone: HELSINKI_WINDOWS_ZONE };
}

/** Reads a time Graph rendered in UTC (see PREFER_UTC) back into an ISO instant. */
export function fromGraphDateTime(value: GraphDateTime): string {
  const instant = new Date(`${value.dateTime.slice(0, 19)}Z`);
  if (value.timeZone !== 'UTC' || Number.isNaN(instant.getTime())) {
    throw new GraphError('unexpectedTime', 200, false, `Graph answered a time as ${value.dateTime} ${value.timeZone}, expected UTC`);
  }
  return instant.toISOString();
}
