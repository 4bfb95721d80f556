import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NewMeeting } from '../../src/app/calendar-gateway.js';
import { GraphError } from '../../src/graph/graph-error.js';
import { gatewayFor, startGraphSandbox, type GraphSandbox } from './sandbox-fixture.js';

const ORGANIZER = 'sanna.esihenkilo@hyvinvointialue.example';
const ATTENDEE = 'tiina.kallio@hyvinvointialue.example';

let sandbox: GraphSandbox;
let transactions = 0;

beforeAll(async () => {
  sandbox = await startGraphSandbox();
});

afterAll(async () => {
  await sandbox.stop();
});

beforeEach(() => {
  sandbox.faults.clear();
});

/** A Yhteistyöaika slot, Wednesday 12:00–13:30 Helsinki (UTC+2 before the March change). */
function meeting(overrides: Partial<NewMeeting> = {}): NewMeeting {
  transactions += 1;
  return {
    organizer: ORGANIZER,
    subject: `Yhteistyöaika YT-2026-00${transactions}`,
    bodyText: 'Liity Teams-kokoukseen.',
    startIso: '2026-03-25T10:00:00Z',
    endIso: '2026-03-25T11:30:00Z',
    attendees: [ATTENDEE],
    transactionId: `yt-request-${transactions}-slot-0-gen-0`,
    ...overrides,
  };
}

const eventsWithSubject = (subject: string) => sandbox.calendars.eventsOf(ORGANIZER).filter((e) => e.subject === subject);

async function caught(work: Promise<unknown>): Promise<GraphError> {
  const error: unknown = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

describe('authentication', () => {
  it('gets an app-only token from the sandbox through MSAL and reuses it across calls', async () => {
    const local = await startGraphSandbox();
    try {
      const gateway = gatewayFor(local);
      await gateway.createMeeting(meeting());
      await gateway.getBusyTimes([ATTENDEE], '2026-03-23T00:00:00Z', '2026-03-28T00:00:00Z');
      const paths = local.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);
      expect(paths.filter((p) => p.includes('/oauth2/v2.0/token'))).toHaveLength(1);
      expect(paths).toContain(`GET /${local.credentials.tenantId}/v2.0/.well-known/openid-configuration`);
      expect(paths.filter((p) => p.startsWith('POST /v1.0/'))).toHaveLength(2);
    } finally {
      await local.stop();
    }
  });

  it('reports a rejected client secret as a non-retryable tokenRejected error', async () => {
    const error = await caught(gatewayFor(sandbox, { clientSecret: 'wrong' }).createMeeting(meeting()));
    expect(error).toMatchObject({ code: 'tokenRejected', status: 0, retryable: false });
  });

  it('refuses a sandbox whose certificate is not trusted', async () => {
    const error = await caught(gatewayFor(sandbox, { caFile: undefined }).createMeeting(meeting()));
    expect(error).toMatchObject({ code: 'tokenUnavailable', retryable: true });
  });
});

describe('creating a meeting', () => {
  it('creates a Teams meeting in Helsinki time and returns its event id and join URL', async () => {
    const booked = await gatewayFor(sandbox).createMeeting(meeting());
    expect(booked.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    const created = sandbox.calendars.event(ORGANIZER, booked.eventId);
    expect(created).toMatchObject({ startZone: 'FLE Standard Time', isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    expect(created?.start.toISOString()).toBe('2026-03-25T10:00:00.000Z');
    const body = sandbox.requests.find((r) => r.method === 'POST' && r.body.includes(created?.subject ?? '-'))?.body ?? '';
    expect(JSON.parse(body)).toMatchObject({ start: { dateTime: '2026-03-25T12:00:00', timeZone: 'FLE Standard Time' } });
  });

  it('keeps the Helsinki wall-clock time across the March and October daylight-saving changes', async () => {
    const gateway = gatewayFor(sandbox);
    const summer = meeting({ startIso: '2026-04-01T09:00:00Z', endIso: '2026-04-01T10:30:00Z' });
    const autumn = meeting({ startIso: '2026-10-28T10:00:00Z', endIso: '2026-10-28T11:30:00Z' });
    await gateway.createMeeting(summer);
    await gateway.createMeeting(autumn);
    const sent = (subject: string) =>
      JSON.parse(sandbox.requests.find((r) => r.body.includes(subject))?.body ?? '{}') as { start: { dateTime: string } };
    expect(sent(summer.subject).start.dateTime).toBe('2026-04-01T12:00:00');
    expect(sent(autumn.subject).start.dateTime).toBe('2026-10-28T12:00:00');
    expect(eventsWithSubject(summer.subject)[0]?.start.toISOString()).toBe('2026-04-01T09:00:00.000Z');
  });

  it('creates one event when the same transactionId is sent twice', async () => {
    const gateway = gatewayFor(sandbox);
    const request = meeting();
    const first = await gateway.createMeeting(request);
    const second = await gateway.createMeeting(request);
    expect(second.eventId).toBe(first.eventId);
    expect(eventsWithSubject(request.subject)).toHaveLength(1);
  });

  it('rides out a storm of 429s and 503s with exactly one event', async () => {
    sandbox.faults.throttle(2, 0, /\/events$/);
    sandbox.faults.unavailable(2, { retryAfterSeconds: 0 }, /\/events$/);
    const request = meeting();
    const booked = await gatewayFor(sandbox).createMeeting(request);
    expect(booked.joinUrl).toBeTruthy();
    expect(eventsWithSubject(request.subject)).toHaveLength(1);
    expect(sandbox.requests.filter((r) => r.body.includes(request.subject))).toHaveLength(5);
  });

  it('ends with one event when Graph created it but the answer was lost', async () => {
    sandbox.faults.inject({ kind: 'status', status: 504, retryAfterSeconds: 0, afterWork: true }, 2, /\/events$/);
    const request = meeting();
    const booked = await gatewayFor(sandbox).createMeeting(request);
    expect(eventsWithSubject(request.subject).map((e) => e.id)).toEqual([booked.eventId]);
  });

  it('waits as long as Retry-After says', async () => {
    sandbox.faults.throttle(1, 1, /\/events$/);
    const started = Date.now();
    await gatewayFor(sandbox).createMeeting(meeting());
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('gives a retryable error carrying Retry-After when Graph asks to wait longer than the cap', async () => {
    sandbox.faults.throttle(1, 120, /\/events$/);
    const error = await caught(gatewayFor(sandbox).createMeeting(meeting()));
    expect(error).toMatchObject({ code: 'ApplicationThrottled', status: 429, retryable: true, details: { retryAfterSeconds: 120 } });
  });

  it('gives a retryable error once the retries are spent', async () => {
    sandbox.faults.unavailable(10, { retryAfterSeconds: 0 }, /\/events$/);
    const error = await caught(gatewayFor(sandbox, { retry: { delaySeconds: 0, maxRetries: 2 } }).createMeeting(meeting()));
    expect(error).toMatchObject({ code: 'ServiceUnavailable', status: 503, retryable: true });
  });

  it('reports an event without a join URL as a retryable noJoinUrl error naming the event', async () => {
    sandbox.faults.omitJoinUrl();
    const request = meeting();
    const error = await caught(gatewayFor(sandbox).createMeeting(request));
    expect(error).toMatchObject({ code: 'noJoinUrl', retryable: true });
    expect(error.details.eventId).toBe(eventsWithSubject(request.subject)[0]?.id);
  });

  it('gives a retryable network error when Graph does not answer in time', async () => {
    sandbox.faults.delay(1, 500, /\/events$/);
    const error = await caught(gatewayFor(sandbox, { requestTimeoutMs: 100 }).createMeeting(meeting()));
    expect(error).toMatchObject({ code: 'network', status: 0, retryable: true });
  });

  it('keeps at most four requests in flight per mailbox', async () => {
    const organizer = 'kuormitettu@hyvinvointialue.example';
    sandbox.faults.delay(12, 50, /kuormitettu/);
    const gateway = gatewayFor(sandbox);
    await Promise.all(Array.from({ length: 12 }, () => gateway.createMeeting(meeting({ organizer }))));
    expect(sandbox.calendars.eventsOf(organizer)).toHaveLength(12);
    expect(sandbox.peakConcurrency(organizer)).toBe(4);
  });
});

describe('free/busy', () => {
  it('shows an attendee busy once a meeting is booked with them', async () => {
    const attendee = 'olli.sijainen@hyvinvointialue.example';
    const gateway = gatewayFor(sandbox);
    const window = ['2026-05-04T00:00:00Z', '2026-05-09T00:00:00Z'] as const;
    expect(await gateway.getBusyTimes([attendee], ...window)).toEqual([]);
    await gateway.createMeeting(meeting({ attendees: [attendee], startIso: '2026-05-06T09:00:00Z', endIso: '2026-05-06T10:30:00Z' }));
    expect(await gateway.getBusyTimes([attendee], ...window)).toEqual([
      expect.objectContaining({ mailbox: attendee, startIso: '2026-05-06T09:00:00.000Z', endIso: '2026-05-06T10:30:00.000Z', status: 'busy' }),
    ]);
  });

  it('asks for at most 100 schedules over windows under 42 days and reports each busy time once', async () => {
    const local = await startGraphSandbox();
    try {
      const people = Array.from({ length: 250 }, (_, i) => `henkilo${i}@hyvinvointialue.example`);
      local.calendars.addBusy('henkilo7@hyvinvointialue.example', '2026-02-10T08:00:00Z', '2026-02-10T09:00:00Z');
      // Spans the boundary between the first and second 41-day windows.
      local.calendars.addBusy('henkilo249@hyvinvointialue.example', '2026-02-11T21:00:00Z', '2026-02-11T23:00:00Z');
      const busy = await gatewayFor(local).getBusyTimes(people, '2026-01-01T22:00:00Z', '2026-04-01T21:00:00Z');
      expect(busy.map((b) => `${b.mailbox} ${b.startIso}`)).toEqual([
        'henkilo7@hyvinvointialue.example 2026-02-10T08:00:00.000Z',
        'henkilo249@hyvinvointialue.example 2026-02-11T21:00:00.000Z',
      ]);
      const calls = local.requests.filter((r) => r.url.endsWith('/getSchedule'));
      const bodies = calls.map((r) => JSON.parse(r.body) as { schedules: string[] });
      expect(calls).toHaveLength(9);
      expect(Math.max(...bodies.map((b) => b.schedules.length))).toBe(100);
    } finally {
      await local.stop();
    }
  });

  it('reads free/busy once more when the first read gets no answer in time, and gives up after the second', async () => {
    const attendee = 'hidas.vastaaja@hyvinvointialue.example';
    const window = ['2026-06-01T00:00:00Z', '2026-06-06T00:00:00Z'] as const;
    const reads = () => sandbox.requests.filter((r) => r.url.endsWith('/getSchedule') && r.body.includes(attendee)).length;
    sandbox.faults.delay(1, 500, /getSchedule$/);
    expect(await gatewayFor(sandbox, { requestTimeoutMs: 200 }).getBusyTimes([attendee], ...window)).toEqual([]);
    expect(reads()).toBe(2);
    sandbox.faults.delay(2, 500, /getSchedule$/);
    const error = await caught(gatewayFor(sandbox, { requestTimeoutMs: 200 }).getBusyTimes([attendee], ...window));
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(reads()).toBe(4);
  });

  it('refuses to treat a mailbox without free/busy as free', async () => {
    const error = await caught(gatewayFor(sandbox).getBusyTimes(['not-an-address'], '2026-03-23T00:00:00Z', '2026-03-28T00:00:00Z'));
    expect(error).toMatchObject({ code: 'ErrorInvalidSmtpAddress', retryable: false });
  });
});

describe('moving and cancelling', () => {
  it('moves the meeting for the organizer and the attendees', async () => {
    const attendee = 'leena.niemi@hyvinvointialue.example';
    const gateway = gatewayFor(sandbox);
    const booked = await gateway.createMeeting(meeting({ attendees: [attendee] }));
    await gateway.moveMeeting(ORGANIZER, booked.eventId, '2026-04-08T09:00:00Z', '2026-04-08T10:30:00Z');
    expect(sandbox.calendars.event(ORGANIZER, booked.eventId)?.start.toISOString()).toBe('2026-04-08T09:00:00.000Z');
    expect(await gateway.getBusyTimes([attendee], '2026-03-23T00:00:00Z', '2026-04-10T00:00:00Z')).toEqual([
      expect.objectContaining({ mailbox: attendee, startIso: '2026-04-08T09:00:00.000Z', endIso: '2026-04-08T10:30:00.000Z', status: 'busy' }),
    ]);
  });

  it('changes the attendees of the same event: the one added is invited, the one left out freed', async () => {
    const [leaving, staying, joining] = ['olli.nieminen@hyvinvointialue.example', 'heidi.salminen@hyvinvointialue.example', 'tiina.makinen@hyvinvointialue.example'];
    const gateway = gatewayFor(sandbox);
    const booked = await gateway.createMeeting(meeting({ attendees: [leaving, staying] }));
    await gateway.updateAttendees(ORGANIZER, booked.eventId, [staying, joining]);
    expect(sandbox.calendars.event(ORGANIZER, booked.eventId)?.attendees).toEqual([staying, joining]);
    expect(sandbox.calendars.eventsOf(joining).map((e) => [e.isCancelled, e.joinUrl])).toEqual([[false, booked.joinUrl]]);
    expect(sandbox.calendars.eventsOf(leaving).map((e) => e.isCancelled)).toEqual([true]);
    expect(await gateway.getBusyTimes([leaving], '2026-03-23T00:00:00Z', '2026-04-10T00:00:00Z')).toEqual([]);
  });

  it('cancels the meeting with a comment and frees the attendees', async () => {
    const attendee = 'kalle.virtanen@hyvinvointialue.example';
    const gateway = gatewayFor(sandbox);
    const booked = await gateway.createMeeting(meeting({ attendees: [attendee] }));
    await gateway.cancelMeeting(ORGANIZER, booked.eventId, 'Pyyntö peruttiin.');
    expect(sandbox.calendars.event(ORGANIZER, booked.eventId)).toBeUndefined();
    expect(sandbox.calendars.eventsOf(attendee).map((e) => e.isCancelled)).toEqual([true]);
    expect(await gateway.getBusyTimes([attendee], '2026-03-23T00:00:00Z', '2026-03-28T00:00:00Z')).toEqual([]);
    const cancel = sandbox.requests.find((r) => r.url.endsWith(`${encodeURIComponent(booked.eventId)}/cancel`));
    expect(JSON.parse(cancel?.body ?? '{}')).toEqual({ comment: 'Pyyntö peruttiin.' });
  });

  it('maps an unknown event to a non-retryable ErrorItemNotFound', async () => {
    const error = await caught(gatewayFor(sandbox).moveMeeting(ORGANIZER, 'AAMkmissing', '2026-04-08T09:00:00Z', '2026-04-08T10:30:00Z'));
    expect(error).toMatchObject({ code: 'ErrorItemNotFound', status: 404, retryable: false });
    expect(error.details.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps a refused request to a non-retryable 400', async () => {
    const gateway = gatewayFor(sandbox);
    const booked = await gateway.createMeeting(meeting());
    const error = await caught(gateway.moveMeeting(ORGANIZER, booked.eventId, '2026-04-08T10:30:00Z', '2026-04-08T09:00:00Z'));
    expect(error).toMatchObject({ code: 'ErrorInvalidRequest', status: 400, retryable: false });
  });
});

describe('what reaches Graph', () => {
  it('captures the subject in the create request only, and never the secret or the token', async () => {
    const local = await startGraphSandbox({ credentials: { clientSecret: 'canary-secret-5f1c' } });
    try {
      const subject = 'Yhteistyöaika canary-subject-9d2e';
      await gatewayFor(local).createMeeting(meeting({ subject }));
      const text = (r: (typeof local.requests)[number]) => `${r.url} ${JSON.stringify(r.headers)} ${r.body}`;
      expect(local.requests.filter((r) => text(r).includes('canary-subject-9d2e')).map((r) => r.method + ' ' + r.url)).toEqual([
        `POST /v1.0/users/${encodeURIComponent(ORGANIZER)}/events`,
      ]);
      expect(local.requests.some((r) => text(r).includes('canary-secret-5f1c'))).toBe(false);
      expect(local.requests.some((r) => text(r).includes('sandbox.'))).toBe(false);
    } finally {
      await local.stop();
    }
  });
});
