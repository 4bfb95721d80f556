import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * Graph names zones the Windows way ("FLE Standard Time") and accepts IANA names in most
 * calls; it answers in UTC unless the caller sends `Prefer: outlook.timezone="<zone>"`.
 * The sandbox knows the few zones a Finnish county meets and rejects the rest, so a client
 * that sends an unexpected zone finds out here rather than in production.
 */
const WINDOWS_TO_IANA: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  'FLE Standard Time': 'Europe/Helsinki',
  'W. Europe Standard Time': 'Europe/Berlin',
  'GMT Standard Time': 'Europe/London',
};

const KNOWN_IANA = new Set(Object.values(WINDOWS_TO_IANA));

export interface DateTimeTimeZone {
  readonly dateTime: string;
  readonly timeZone: string;
}

export function ianaZone(name: string): string | undefined {
  return WINDOWS_TO_IANA[name] ?? (KNOWN_IANA.has(name) ? name : undefined);
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/;

/** The instant a wall-clock time in a zone names, or undefined when either part is unusable. */
export function toInstant(value: DateTimeTimeZone): Date | undefined {
  const zone = ianaZone(value.timeZone);
  const parts = WALL_CLOCK.exec(value.dateTime);
  if (!zone || !parts) return undefined;
  const [, y, mo, d, h, mi, s] = parts.map(Number) as number[];
  const local = new TZDate(y!, mo! - 1, d!, h!, mi!, Number.isNaN(s) ? 0 : s!, zone);
  return new Date(local.getTime());
}

/** Graph's own rendering: wall-clock time with seven fraction digits, and the zone's name as asked. */
export function fromInstant(instant: Date, zoneName: string): DateTimeTimeZone {
  const zone = ianaZone(zoneName) ?? 'UTC';
  const dateTime = `${format(new TZDate(instant, zone), "yyyy-MM-dd'T'HH:mm:ss")}.0000000`;
  return { dateTime, timeZone: zone === 'UTC' ? 'UTC' : zoneName };
}

/** The zone of `Prefer: outlook.timezone="..."`, UTC when absent. */
export function preferredZone(prefer: string | undefined): string {
  const match = /outlook\.timezone="([^"]+)"/.exec(prefer ?? '');
  return match?.[1] ?? 'UTC';
}
