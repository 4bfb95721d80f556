import { z } from 'zod';
import { dateTimeTimeZoneSchema, readBody, type GraphHandler } from './graph-call.js';
import { graphError, json } from './responses.js';
import { fromInstant, ianaZone, toInstant } from './time-zones.js';

const MAX_SCHEDULES = 100;
const MAX_WINDOW_MS = 42 * 24 * 60 * 60 * 1000;

const scheduleSchema = z.object({
  schedules: z.array(z.string()).min(1),
  startTime: dateTimeTimeZoneSchema,
  endTime: dateTimeTimeZoneSchema,
  availabilityViewInterval: z.number().int().min(5).max(1440).default(30),
});

/** Graph's availabilityView digits: 0 free, 2 busy (the sandbox has no tentative or away). */
function availabilityView(items: readonly { start: Date; end: Date }[], from: Date, to: Date, minutes: number): string {
  const step = minutes * 60_000;
  let view = '';
  for (let t = from.getTime(); t < to.getTime(); t += step) {
    view += items.some((i) => i.start.getTime() < t + step && i.end.getTime() > t) ? '2' : '0';
  }
  return view;
}

/** POST /users/{id}/calendar/getSchedule: free/busy of up to 100 mailboxes over under 42 days. */
export const getSchedule: GraphHandler = (call, { calendars }) => {
  const parsed = readBody(scheduleSchema, call);
  if ('problem' in parsed) return parsed.problem;
  const { schedules, startTime, endTime, availabilityViewInterval } = parsed.value;
  if (!ianaZone(startTime.timeZone) || !ianaZone(endTime.timeZone)) {
    return graphError(400, 'TimeZoneNotSupportedException', 'A valid TimeZone value must be specified.', call.clientRequestId);
  }
  const from = toInstant(startTime);
  const to = toInstant(endTime);
  if (!from || !to || to <= from) {
    return graphError(400, 'ErrorInvalidParameter', 'The start time must be before the end time.', call.clientRequestId);
  }
  if (schedules.length > MAX_SCHEDULES) {
    return graphError(400, 'ErrorInvalidParameter', `At most ${MAX_SCHEDULES} schedules can be requested at once.`, call.clientRequestId);
  }
  if (to.getTime() - from.getTime() >= MAX_WINDOW_MS) {
    return graphError(400, 'ErrorInvalidParameter', 'The requested time duration must be shorter than 42 days.', call.clientRequestId);
  }
  return json(200, {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)',
    value: schedules.map((scheduleId) => {
      if (!scheduleId.includes('@')) {
        return {
          scheduleId,
          availabilityView: '',
          scheduleItems: [],
          error: { message: 'The specified SMTP address is invalid.', responseCode: 'ErrorInvalidSmtpAddress' },
        };
      }
      const items = calendars.scheduleItems(scheduleId, from, to);
      return {
        scheduleId,
        availabilityView: availabilityView(items, from, to, availabilityViewInterval),
        scheduleItems: items.map((i) => ({
          isPrivate: false,
          status: i.status,
          ...(i.subject !== undefined && { subject: i.subject }),
          start: fromInstant(i.start, call.zone),
          end: fromInstant(i.end, call.zone),
        })),
        workingHours: {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '08:00:00.0000000',
          endTime: '16:00:00.0000000',
          timeZone: { name: 'FLE Standard Time' },
        },
      };
    }),
  });
};
