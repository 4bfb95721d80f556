import type { SandboxEvent } from './calendars.js';
import { fromInstant } from './time-zones.js';

const person = (address: string) => ({ emailAddress: { name: address.split('@')[0] ?? address, address } });

/** A Graph v1.0 event resource, times in the zone the caller preferred (UTC by default). */
export function eventJson(event: SandboxEvent, zone: string, origin: string): Record<string, unknown> {
  const isOrganizer = event.mailbox === event.organizer;
  return {
    '@odata.context': `${origin}/v1.0/$metadata#users('${event.mailbox}')/events/$entity`,
    '@odata.etag': `W/"${event.modifiedAt.getTime().toString(36)}"`,
    id: event.id,
    createdDateTime: event.createdAt.toISOString(),
    lastModifiedDateTime: event.modifiedAt.toISOString(),
    iCalUId: event.iCalUId,
    transactionId: event.transactionId ?? null,
    subject: event.subject,
    bodyPreview: event.body.content.slice(0, 255),
    body: event.body,
    start: fromInstant(event.start, zone),
    end: fromInstant(event.end, zone),
    originalStartTimeZone: event.startZone,
    originalEndTimeZone: event.endZone,
    isOrganizer,
    isCancelled: event.isCancelled,
    showAs: 'busy',
    type: event.recurrence ? 'seriesMaster' : 'singleInstance',
    recurrence: event.recurrence?.raw ?? null,
    responseStatus: { response: isOrganizer ? 'organizer' : 'notResponded', time: '0001-01-01T00:00:00Z' },
    organizer: person(event.organizer),
    attendees: event.attendees.map((address) => ({
      type: 'required',
      status: { response: event.responses?.[address] ?? 'none', time: '0001-01-01T00:00:00Z' },
      ...person(address),
    })),
    isOnlineMeeting: event.isOnlineMeeting,
    onlineMeetingProvider: event.onlineMeetingProvider ?? 'unknown',
    onlineMeeting: event.joinUrl ? { joinUrl: event.joinUrl } : null,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}&exvsurl=1&path=/calendar/item`,
  };
}
