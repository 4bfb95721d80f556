import type { RedisClient } from '../store/redis-connection.js';
import type { Scheduling } from '../app/workflow/scheduling.js';
import type { AppConfig } from '../config/env.js';
import { DEFAULT_LOCALE } from '../domain/locale.js';
import { finnishHolidays } from '../domain/slots/calendar-days.js';
import { SlotFinder } from '../domain/slots/slot-finder.js';
import { DEFAULT_SERIES } from '../domain/slots/yhteistyoaika-series.js';
import { createGraphCalendarGateway } from '../graph/graph-calendar-gateway.js';
import { GraphError } from '../graph/graph-error.js';
import type { ErrorClassifier } from '../jobs/bull-effect-queue.js';
import { translator } from '../i18n/translator.js';
import { RedisOccurrenceBlocks } from '../store/redis-occurrence-blocks.js';
import { RedisSlotReservations } from '../store/redis-slot-reservations.js';

/** Booking needs Microsoft Graph; without its credentials requests are routed and no meeting is booked. */
export function schedulingOf(config: AppConfig, redis: RedisClient): Scheduling | undefined {
  if (!config.graph) return undefined;
  // Calendars are shared by people of every language: their texts are the county's own, in Finnish.
  const t = translator(DEFAULT_LOCALE);
  const { anchor, leadWorkingDays, blackouts, organizerMailbox, proposals } = config.yhteistyoaika;
  const series = { ...DEFAULT_SERIES, anchor };
  return {
    calendar: createGraphCalendarGateway(config.graph),
    reservations: new RedisSlotReservations(redis, config.redisKeyPrefix),
    blocks: new RedisOccurrenceBlocks(redis, config.redisKeyPrefix),
    finder: new SlotFinder(series, finnishHolidays, blackouts),
    series,
    seriesTexts: { subject: t('meeting.seriesSubject'), body: t('meeting.seriesBody') },
    leadWorkingDays,
    organizerMailbox,
    proposals,
    eventTexts: (reference: string) => ({
      subject: t('meeting.subject', { reference }),
      body: t('meeting.body', { reference }),
      cancelComment: t('meeting.cancelComment', { reference }),
    }),
  };
}

/** Graph says itself whether a later try can get past a failure (429, 503) or not (400, 403). */
export const classifyGraphFailure: ErrorClassifier = (error) =>
  error instanceof GraphError
    ? {
        code: `graph.${error.code}`,
        retryable: error.retryable,
        retryAfterMs: error.details.retryAfterSeconds === undefined ? undefined : error.details.retryAfterSeconds * 1000,
      }
    : undefined;
