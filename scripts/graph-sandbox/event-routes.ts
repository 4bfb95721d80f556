import { z } from 'zod';
import type { EventChange } from './calendars.js';
import { eventJson } from './event-json.js';
import { dateTimeTimeZoneSchema, readBody, type GraphCall, type GraphHandler } from './graph-call.js';
import { graphError, json, noContent, type SandboxResponse } from './responses.js';
import { ianaZone, toInstant, type DateTimeTimeZone } from './time-zones.js';

const newEventSchema = z.object({
  subject: z.string().default(''),
  body: z.object({ contentType: z.enum(['text', 'html']).default('text'), content: z.string().default('') }).optional(),
  start: dateTimeTimeZoneSchema,
  end: dateTimeTimeZoneSchema,
  attendees: z.array(z.object({ emailAddress: z.object({ address: z.string() }) })).default([]),
  isOnlineMeeting: z.boolean().default(false),
  onlineMeetingProvider: z.string().optional(),
  transactionId: z.string().max(200).optional(),
  recurrence: z
    .object({
      pattern: z.object({ type: z.literal('weekly'), interval: z.number().int().min(1).max(99), daysOfWeek: z.array(z.string()).min(1) }).passthrough(),
      range: z.object({ type: z.enum(['noEnd', 'endDate', 'numbered']), startDate: z.string() }).passthrough(),
    })
    .optional(),
});

const eventChangeSchema = newEventSchema
  .pick({ subject: true, body: true, start: true, end: true })
  .partial()
  .extend({ subject: z.string().optional(), attendees: z.array(z.object({ emailAddress: z.object({ address: z.string() }) })).optional() });

const cancelSchema = z.object({ comment: z.string().max(4000).optional() });

const notFound = (call: GraphCall) =>
  graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.', call.clientRequestId);

const invalid = (call: GraphCall, message: string) =>
  graphError(400, 'ErrorInvalidRequest', message, call.clientRequestId);

type TimeParse = { start: Date; end: Date } | { problem: SandboxResponse };

function parseTimes(call: GraphCall, start: DateTimeTimeZone, end: DateTimeTimeZone): TimeParse {
  for (const value of [start, end]) {
    if (!ianaZone(value.timeZone)) {
      return {
        problem: graphError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${value.timeZone}'.`, call.clientRequestId),
      };
    }
  }
  const [from, to] = [toInstant(start), toInstant(end)];
  if (!from || !to) return { problem: invalid(call, 'Cannot convert the literal to the expected type Edm.DateTimeOffset.') };
  if (to <= from) return { problem: invalid(call, 'The end time of the event must be after its start time.') };
  return { start: from, end: to };
}

export const createEvent: GraphHandler = (call, { calendars, faults, origin }) => {
  const parsed = readBody(newEventSchema, call);
  if ('problem' in parsed) return parsed.problem;
  const input = parsed.value;
  const times = parseTimes(call, input.start, input.end);
  if ('problem' in times) return times.problem;
  const { event } = calendars.create(
    call.mailbox,
    {
      subject: input.subject,
      body: input.body ?? { contentType: 'text', content: '' },
      start: times.start,
      end: times.end,
      startZone: input.start.timeZone,
      endZone: input.end.timeZone,
      attendees: input.attendees.map((a) => a.emailAddress.address),
      isOnlineMeeting: input.isOnlineMeeting,
      onlineMeetingProvider: input.onlineMeetingProvider,
      transactionId: input.transactionId,
      recurrence: input.recurrence && { intervalWeeks: input.recurrence.pattern.interval, raw: input.recurrence },
    },
    !faults.takeMissingJoinUrl(),
  );
  return json(201, eventJson(event, call.zone, origin));
};

export const getEvent: GraphHandler = (call, { calendars, origin }) => {
  const event = calendars.event(call.mailbox, call.params.eventId ?? '');
  return event ? json(200, eventJson(event, call.zone, origin)) : notFound(call);
};

export const updateEvent: GraphHandler = (call, { calendars, origin }) => {
  const parsed = readBody(eventChangeSchema, call);
  if ('problem' in parsed) return parsed.problem;
  const existing = calendars.event(call.mailbox, call.params.eventId ?? '');
  if (!existing) return notFound(call);
  const { start, end, subject, body } = parsed.value;
  const change: EventChange = { ...(subject !== undefined && { subject }), ...(body && { body }) };
  if (start || end) {
    const times = parseTimes(
      call,
      start ?? { dateTime: existing.start.toISOString().slice(0, 19), timeZone: 'UTC' },
      end ?? { dateTime: existing.end.toISOString().slice(0, 19), timeZone: 'UTC' },
    );
    if ('problem' in times) return times.problem;
    Object.assign(change, {
      start: times.start,
      end: times.end,
      ...(start && { startZone: start.timeZone }),
      ...(end && { endZone: end.timeZone }),
    });
  }
  const updated = calendars.update(call.mailbox, existing.id, change);
  // A new attendee list, as Exchange sends it: invitations to those added, cancellations to those left out.
  if (updated && parsed.value.attendees) calendars.changeAttendees(call.mailbox, existing.id, parsed.value.attendees.map((a) => a.emailAddress.address));
  return updated ? json(200, eventJson(calendars.event(call.mailbox, existing.id) ?? updated, call.zone, origin)) : notFound(call);
};

export const deleteEvent: GraphHandler = (call, { calendars }) =>
  calendars.remove(call.mailbox, call.params.eventId ?? '') ? noContent() : notFound(call);

export const cancelEvent: GraphHandler = (call, { calendars }) => {
  const parsed = readBody(cancelSchema, call);
  if ('problem' in parsed) return parsed.problem;
  const outcome = calendars.cancel(call.mailbox, call.params.eventId ?? '');
  if (outcome === 'not_found') return notFound(call);
  if (outcome === 'not_organizer') return invalid(call, 'Your request can\'t be completed. You need to be an organizer to cancel a meeting.');
  return noContent(202);
};

/** A bare date-time in a query string means UTC to Graph, never the server's local zone. */
function queryInstant(value: string | null): Date | undefined {
  if (!value) return undefined;
  const instant = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

export const calendarView: GraphHandler = (call, { calendars, origin }) => {
  const from = queryInstant(call.query.get('startDateTime'));
  const to = queryInstant(call.query.get('endDateTime'));
  if (!from || !to) {
    return graphError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.', call.clientRequestId);
  }
  return json(200, {
    '@odata.context': `${origin}/v1.0/$metadata#users('${call.mailbox}')/calendarView`,
    value: calendars.view(call.mailbox, from, to).map((e) => eventJson(e, call.zone, origin)),
  });
};
