import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const COUNTY_TIME_ZONE = 'Europe/Helsinki';

/** The county's calendar date of an instant, yyyy-MM-dd. */
export function countyDate(instant: Date): string {
  return format(new TZDate(instant, COUNTY_TIME_ZONE), 'yyyy-MM-dd');
}

export function countyYear(instant: Date): number {
  return new TZDate(instant, COUNTY_TIME_ZONE).getFullYear();
}
