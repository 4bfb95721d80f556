import type { Client } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { BookedMeeting, BusyTime, CalendarGateway, NewMeeting } from '../app/calendar-gateway.js';
import { createGraphClient, type GraphClientConfig } from './graph-client.js';
import { GraphError, LOCAL_FAILURES, toGraphError } from './graph-error.js';
import { fromGraphDateTime, parseInstant, PREFER_UTC, toGraphDateTime } from './graph-time.js';
import { MailboxLimiter } from './mailbox-limiter.js';

/** getSchedule takes about 100 schedules over a window shorter than 42 days. */
const SCHEDULES_PER_CALL = 100;
const WINDOW_MS = 41 * 24 * 60 * 60 * 1000;

const dateTimeSchema = z.object({ dateTime: z.string(), timeZone: z.string() });

const scheduleResponse = z.object({
  value: z.array(
    z.object({
      scheduleId: z.string(),
      scheduleItems: z
        .array(
          z.object({
            status: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']),
            start: dateTimeSchema,
            end: dateTimeSchema,
            subject: z.string().nullish(),
          }),
        )
        .default([]),
      error: z.object({ message: z.string(), responseCode: z.string() }).nullish(),
    }),
  ),
});

const eventResponse = z.object({
  id: z.string(),
  onlineMeeting: z.object({ joinUrl: z.string().nullish() }).nullish(),
});

const calendarViewResponse = z.object({
  value: z.array(z.object({ id: z.string(), transactionId: z.string().nullish(), isCancelled: z.boolean().nullish() })).default([]),
});

const attendeesResponse = z.object({
  attendees: z.array(z.object({ emailAddress: z.object({ address: z.string() }), status: z.object({ response: z.string() }).nullish() })).default([]),
});

const users = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}`;
const event = (organizer: string, eventId: string) => `${users(organizer)}/events/${encodeURIComponent(eventId)}`;

function windows(fromIso: string, toIso: string): { fromIso: string; toIso: string }[] {
  const end = parseInstant(toIso).getTime();
  const result: { fromIso: string; toIso: string }[] = [];
  for (let start = parseInstant(fromIso).getTime(); start < end; start += WINDOW_MS) {
    result.push({ fromIso: new Date(start).toISOString(), toIso: new Date(Math.min(start + WINDOW_MS, end)).toISOString() });
  }
  return result;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

function parseAnswer<T>(schema: z.ZodType<T>, answer: unknown, what: string): T {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new GraphError('unexpectedResponse', 200, false, `Graph's ${what} answer was not understood`);
  return parsed.data;
}

/** The calendar through Microsoft Graph with application permissions. */
export class GraphCalendarGateway implements CalendarGateway {
  constructor(
    private readonly client: Client,
    private readonly limiter = new MailboxLimiter(),
  ) {}

  async getBusyTimes(mailboxes: readonly string[], fromIso: string, toIso: string): Promise<readonly BusyTime[]> {
    const unique = [...new Set(mailboxes.map((m) => m.toLowerCase()))];
    const calls = batches(unique, SCHEDULES_PER_CALL).flatMap((batch) =>
      windows(fromIso, toIso).map((window) => this.schedule(batch, window.fromIso, window.toIso)),
    );
    const found = new Map<string, BusyTime>();
    for (const busy of (await Promise.all(calls)).flat()) {
      // An item across a window boundary comes back from both windows.
      found.set(`${busy.mailbox} ${busy.startIso} ${busy.endIso} ${busy.status}`, busy);
    }
    return [...found.values()].sort((a, b) => a.startIso.localeCompare(b.startIso) || a.mailbox.localeCompare(b.mailbox));
  }

  async createMeeting(meeting: NewMeeting): Promise<BookedMeeting> {
    const answer = await this.call(meeting.organizer, () =>
      this.client
        .api(`${users(meeting.organizer)}/events`)
        .header('Prefer', PREFER_UTC)
        .post({
          subject: meeting.subject,
          body: { contentType: 'text', content: meeting.bodyText },
          start: toGraphDateTime(meeting.startIso),
          end: toGraphDateTime(meeting.endIso),
          attendees: meeting.attendees.map((address) => ({ type: 'required', emailAddress: { address } })),
          isOnlineMeeting: true,
          onlineMeetingProvider: 'teamsForBusiness',
          transactionId: meeting.transactionId,
          ...(meeting.recurrence && {
            recurrence: {
              pattern: { type: 'weekly', interval: meeting.recurrence.intervalWeeks, daysOfWeek: ['wednesday'], firstDayOfWeek: 'monday' },
              range: { type: 'noEnd', startDate: meeting.recurrence.startDate, recurrenceTimeZone: 'FLE Standard Time' },
            },
          }),
        }),
    );
    const created = parseAnswer(eventResponse, answer, 'create event');
    const joinUrl = created.onlineMeeting?.joinUrl;
    if (!joinUrl) {
      // Retrying with the same transactionId returns this same event, so the caller may try again.
      throw new GraphError('noJoinUrl', 201, true, 'The event was created without a Teams join URL', { eventId: created.id });
    }
    return { eventId: created.id, joinUrl };
  }

  async moveMeeting(organizer: string, eventId: string, startIso: string, endIso: string): Promise<void> {
    const change = { start: toGraphDateTime(startIso), end: toGraphDateTime(endIso) };
    await this.call(organizer, () => this.client.api(event(organizer, eventId)).header('Prefer', PREFER_UTC).patch(change));
  }

  async updateAttendees(organizer: string, eventId: string, attendees: readonly string[]): Promise<void> {
    const change = { attendees: attendees.map((address) => ({ type: 'required', emailAddress: { address } })) };
    await this.call(organizer, () => this.client.api(event(organizer, eventId)).patch(change));
  }

  async attendeeResponses(organizer: string, eventId: string): Promise<{ mailbox: string; response: string }[]> {
    const answer = await this.call(organizer, () => this.client.api(event(organizer, eventId)).select('attendees').get());
    return parseAnswer(attendeesResponse, answer, 'get event').attendees.map((a) => ({
      mailbox: a.emailAddress.address.toLowerCase(),
      response: a.status?.response ?? 'none',
    }));
  }

  async findMeeting(organizer: string, transactionId: string, fromIso: string, toIso: string): Promise<string | undefined> {
    // transactionId cannot be filtered on; a Yhteistyöaika's window holds a handful of events.
    const answer = await this.call(organizer, () =>
      this.client
        .api(`${users(organizer)}/calendarView`)
        .header('Prefer', PREFER_UTC)
        .query({ startDateTime: fromIso, endDateTime: toIso })
        .select('id,transactionId,isCancelled')
        .top(100)
        .get(),
    );
    return parseAnswer(calendarViewResponse, answer, 'calendarView').value.find((e) => e.transactionId === transactionId && e.isCancelled !== true)?.id;
  }

  async cancelMeeting(organizer: string, eventId: string, comment: string): Promise<void> {
    await this.call(organizer, () => this.client.api(`${event(organizer, eventId)}/cancel`).post({ comment }));
  }

  /**
   * The schedule is read through the first mailbox of the batch, so that mailbox's throttling
   * budget pays for it.
   */
  private async schedule(batch: readonly string[], fromIso: string, toIso: string): Promise<BusyTime[]> {
    const via = batch[0] ?? '';
    const read = () =>
      this.call(via, () =>
        this.client
          .api(`${users(via)}/calendar/getSchedule`)
          .header('Prefer', PREFER_UTC)
          .post({ schedules: batch, startTime: toGraphDateTime(fromIso), endTime: toGraphDateTime(toIso), availabilityViewInterval: 30 }),
      );
    // The Graph client retries throttling and outages itself but not a read that got no answer
    // in time. A read changes nothing, so one more try is safe, and cheaper than the whole
    // proposals job waiting out its backoff for every window it reads.
    const answer = await read().catch((error: unknown) => {
      if (error instanceof GraphError && error.code === LOCAL_FAILURES.transport.code) return read();
      throw error;
    });
    return parseAnswer(scheduleResponse, answer, 'getSchedule').value.flatMap((schedule) => {
      if (schedule.error) {
        // Unknown free/busy is not free: booking over it could double-book someone.
        throw new GraphError(schedule.error.responseCode, 200, false, `No free/busy for ${schedule.scheduleId}: ${schedule.error.message}`);
      }
      return schedule.scheduleItems
        .filter((item): item is typeof item & { status: BusyTime['status'] } => item.status !== 'free')
        .map((item) => ({
          mailbox: schedule.scheduleId.toLowerCase(),
          startIso: fromGraphDateTime(item.start),
          endIso: fromGraphDateTime(item.end),
          status: item.status,
          subject: item.subject ?? undefined,
        }));
    });
  }

  private async call<T>(mailbox: string, work: () => Promise<T>): Promise<T> {
    try {
      return await this.limiter.run(mailbox, work);
    } catch (error) {
      throw toGraphError(error);
    }
  }
}

export function createGraphCalendarGateway(config: GraphClientConfig): GraphCalendarGateway {
  return new GraphCalendarGateway(createGraphClient(config));
}
