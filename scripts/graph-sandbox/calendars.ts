import { randomUUID } from 'node:crypto';

export interface SandboxEvent {
  readonly id: string;
  readonly mailbox: string;
  /** Shared by the organizer's event and every attendee's copy of it. */
  readonly meetingId: string;
  readonly iCalUId: string;
  readonly organizer: string;
  readonly attendees: readonly string[];
  readonly transactionId: string | undefined;
  readonly createdAt: Date;
  subject: string;
  body: { contentType: string; content: string };
  start: Date;
  end: Date;
  /** The zone names the client used, echoed back as Graph's originalStartTimeZone. */
  startZone: string;
  endZone: string;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string | undefined;
  joinUrl: string | undefined;
  isCancelled: boolean;
  modifiedAt: Date;
  readonly recurrence?: NewEvent['recurrence'];
  /** Attendees' answers by address, kept on every copy as Exchange shows them to the organizer. */
  responses?: Record<string, AttendeeResponse>;
}

export type AttendeeResponse = 'accepted' | 'tentativelyAccepted' | 'declined';

export interface NewEvent {
  readonly subject: string;
  readonly body: { contentType: string; content: string };
  readonly start: Date;
  readonly end: Date;
  readonly startZone: string;
  readonly endZone: string;
  readonly attendees: readonly string[];
  readonly isOnlineMeeting: boolean;
  readonly onlineMeetingProvider: string | undefined;
  readonly transactionId: string | undefined;
  /** A weekly series: the event is its first occurrence, repeated every `intervalWeeks` weeks. */
  readonly recurrence?: { readonly intervalWeeks: number; readonly raw: unknown } | undefined;
}

export interface ScheduleItem {
  readonly status: 'busy';
  readonly start: Date;
  readonly end: Date;
  readonly subject?: string | undefined;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** A series' occurrences that touch [from, to); a single event is its own only occurrence. */
function occurrences(event: { start: Date; end: Date; recurrence?: NewEvent['recurrence'] }, from: Date, to: Date): { start: Date; end: Date }[] {
  if (!event.recurrence) return overlaps(event.start, event.end, from, to) ? [{ start: event.start, end: event.end }] : [];
  const step = event.recurrence.intervalWeeks * WEEK_MS;
  const length = event.end.getTime() - event.start.getTime();
  const found: { start: Date; end: Date }[] = [];
  const first = Math.max(0, Math.floor((from.getTime() - event.start.getTime()) / step));
  for (let n = first; event.start.getTime() + n * step < to.getTime(); n++) {
    // Exchange keeps the wall-clock time across DST; repeating the instant is the sandbox's simplification.
    const start = new Date(event.start.getTime() + n * step);
    const end = new Date(start.getTime() + length);
    if (overlaps(start, end, from, to)) found.push({ start, end });
  }
  return found;
}

export type EventChange = Partial<Pick<SandboxEvent, 'subject' | 'body' | 'start' | 'end' | 'startZone' | 'endZone'>>;

/** Graph matches mailboxes by address without regard to case. */
const key = (mailbox: string) => mailbox.toLowerCase();

const overlaps = (start: Date, end: Date, from: Date, to: Date) => start < to && end > from;

/** Every mailbox exists and starts empty, as a tenant where everyone has a licence. */
export class SandboxCalendars {
  private readonly events = new Map<string, Map<string, SandboxEvent>>();
  private readonly busy = new Map<string, ScheduleItem[]>();
  private readonly byTransaction = new Map<string, string>();

  addBusy(mailbox: string, startIso: string, endIso: string): void {
    const items = this.busy.get(key(mailbox)) ?? [];
    items.push({ status: 'busy', start: new Date(startIso), end: new Date(endIso) });
    this.busy.set(key(mailbox), items);
  }

  eventsOf(mailbox: string): readonly SandboxEvent[] {
    return [...(this.events.get(key(mailbox))?.values() ?? [])];
  }

  event(mailbox: string, id: string): SandboxEvent | undefined {
    return this.events.get(key(mailbox))?.get(id);
  }

  /** A repeated transactionId in the same mailbox returns the first event and creates nothing. */
  create(organizer: string, input: NewEvent, withJoinUrl: boolean): { event: SandboxEvent; created: boolean } {
    const transactionKey = input.transactionId && `${key(organizer)} ${input.transactionId}`;
    const earlier = transactionKey ? this.byTransaction.get(transactionKey) : undefined;
    const existing = earlier ? this.event(organizer, earlier) : undefined;
    if (existing) return { event: existing, created: false };

    const meetingId = randomUUID();
    const joinUrl =
      input.isOnlineMeeting && input.onlineMeetingProvider === 'teamsForBusiness' && withJoinUrl
        ? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${meetingId.replaceAll('-', '')}%40thread.v2/0`
        : undefined;
    const now = new Date();
    const copyFor = (mailbox: string): SandboxEvent => ({
      ...input,
      id: `AAMk${randomUUID().replaceAll('-', '')}`,
      mailbox: key(mailbox),
      meetingId,
      iCalUId: `040000008200E00074C5B7101A82E008${meetingId.replaceAll('-', '').toUpperCase()}`,
      organizer: key(organizer),
      attendees: input.attendees.map(key),
      transactionId: key(mailbox) === key(organizer) ? input.transactionId : undefined,
      createdAt: now,
      modifiedAt: now,
      joinUrl,
      isCancelled: false,
    });
    const event = copyFor(organizer);
    this.store(event);
    for (const attendee of input.attendees) if (key(attendee) !== key(organizer)) this.store(copyFor(attendee));
    if (transactionKey) this.byTransaction.set(transactionKey, event.id);
    return { event, created: true };
  }

  /** An organizer's change reaches every attendee's copy, as Exchange's meeting update does. */
  update(mailbox: string, id: string, change: EventChange): SandboxEvent | undefined {
    const event = this.event(mailbox, id);
    if (!event) return undefined;
    const targets = event.organizer === key(mailbox) ? this.copiesOf(event.meetingId) : [event];
    for (const target of targets) Object.assign(target, change, { modifiedAt: new Date() });
    return event;
  }

  /**
   * The organizer's new attendee list: every copy lists it, an added attendee gets a copy of their
   * own (an invitation), and one left out keeps theirs marked cancelled, as after a cancellation.
   */
  changeAttendees(mailbox: string, id: string, attendees: readonly string[]): void {
    const event = this.event(mailbox, id);
    if (!event || event.organizer !== key(mailbox)) return;
    const wanted = attendees.map(key);
    for (const copy of this.copiesOf(event.meetingId)) {
      (copy as { attendees: readonly string[] }).attendees = wanted;
      if (copy.mailbox !== event.organizer && !wanted.includes(copy.mailbox)) copy.isCancelled = true;
    }
    const holders = new Set(this.copiesOf(event.meetingId).filter((c) => !c.isCancelled).map((c) => c.mailbox));
    for (const attendee of wanted) {
      if (holders.has(attendee) || attendee === event.organizer) continue;
      this.store({ ...event, id: `AAMk${randomUUID().replaceAll('-', '')}`, mailbox: attendee, transactionId: undefined, attendees: wanted, isCancelled: false, modifiedAt: new Date() });
    }
  }

  /**
   * The organizer's event goes; attendees keep theirs marked cancelled until they remove it,
   * and a cancelled copy no longer blocks their free/busy.
   */
  /** An attendee answers the invitation: the organizer sees the answer on the event's attendee list. */
  respond(attendee: string, meetingId: string, response: AttendeeResponse): void {
    for (const copy of this.copiesOf(meetingId)) copy.responses = { ...copy.responses, [key(attendee)]: response };
  }

  cancel(mailbox: string, id: string): 'cancelled' | 'not_found' | 'not_organizer' {
    const event = this.event(mailbox, id);
    if (!event) return 'not_found';
    if (event.organizer !== key(mailbox)) return 'not_organizer';
    for (const copy of this.copiesOf(event.meetingId)) copy.isCancelled = true;
    this.events.get(key(mailbox))?.delete(id);
    return 'cancelled';
  }

  remove(mailbox: string, id: string): boolean {
    const event = this.event(mailbox, id);
    if (!event) return false;
    if (event.organizer === key(mailbox)) return this.cancel(mailbox, id) === 'cancelled';
    return this.events.get(key(mailbox))?.delete(id) ?? false;
  }

  view(mailbox: string, from: Date, to: Date): SandboxEvent[] {
    return this.eventsOf(mailbox)
      .filter((e) => overlaps(e.start, e.end, from, to))
      .sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  scheduleItems(mailbox: string, from: Date, to: Date): ScheduleItem[] {
    const fromEvents = [...(this.events.get(key(mailbox))?.values() ?? [])]
      .filter((e) => !e.isCancelled)
      .flatMap((e) => occurrences(e, from, to).map((o): ScheduleItem => ({ status: 'busy', start: o.start, end: o.end, subject: e.subject })));
    const seeded = (this.busy.get(key(mailbox)) ?? []).filter((b) => overlaps(b.start, b.end, from, to));
    return [...fromEvents, ...seeded].sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  private store(event: SandboxEvent): void {
    const calendar = this.events.get(event.mailbox) ?? new Map<string, SandboxEvent>();
    calendar.set(event.id, event);
    this.events.set(event.mailbox, calendar);
  }

  private copiesOf(meetingId: string): SandboxEvent[] {
    return [...this.events.values()].flatMap((c) => [...c.values()].filter((e) => e.meetingId === meetingId));
  }
}
