/**
 * The calendar as the booking use cases need it. People are named by mailbox address (SMTP or
 * UPN), not by Entra object id, because Graph's free/busy and meeting attendees take addresses.
 * Times are ISO 8601 instants with an offset; the gateway decides how Graph is told the zone.
 */
export interface BusyTime {
  readonly mailbox: string;
  readonly startIso: string;
  readonly endIso: string;
  /** `unknown` is Exchange not knowing; a booking should treat it as busy. */
  readonly status: 'busy' | 'tentative' | 'oof' | 'workingElsewhere' | 'unknown';
  /** Given when the app may read it; lets booking tell the standing Yhteistyöaika hold from real appointments. */
  readonly subject?: string | undefined;
}

export interface NewMeeting {
  readonly organizer: string;
  readonly subject: string;
  readonly bodyText: string;
  readonly startIso: string;
  readonly endIso: string;
  readonly attendees: readonly string[];
  /** Same id, same event: a retried create returns the first event instead of a second one. */
  readonly transactionId: string;
  /** Repeats on Wednesdays every `intervalWeeks` weeks from `startDate`, without end. */
  readonly recurrence?: { readonly intervalWeeks: number; readonly startDate: string } | undefined;
}

export interface BookedMeeting {
  readonly eventId: string;
  readonly joinUrl: string;
}

export interface CalendarGateway {
  /** Times when any of the mailboxes is not free in [fromIso, toIso), earliest first. */
  getBusyTimes(mailboxes: readonly string[], fromIso: string, toIso: string): Promise<readonly BusyTime[]>;
  /** A Teams meeting in the organizer's calendar, sent to the attendees. */
  createMeeting(meeting: NewMeeting): Promise<BookedMeeting>;
  moveMeeting(organizer: string, eventId: string, startIso: string, endIso: string): Promise<void>;
  /** The same event with a new attendee list: Exchange invites those added and cancels for those left out. */
  updateAttendees(organizer: string, eventId: string, attendees: readonly string[]): Promise<void>;
  /** How the attendees have answered the invitation. */
  attendeeResponses(organizer: string, eventId: string): Promise<readonly { readonly mailbox: string; readonly response: string }[]>;
  /**
   * The event created under `transactionId` that starts in [fromIso, toIso), if Graph made it:
   * a create that timed out may or may not have.
   */
  findMeeting(organizer: string, transactionId: string, fromIso: string, toIso: string): Promise<string | undefined>;
  /** Cancels for everyone; `comment` goes to the attendees with the cancellation. */
  cancelMeeting(organizer: string, eventId: string, comment: string): Promise<void>;
}
