import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawClient, startGraphSandbox, type GraphSandbox } from './sandbox-fixture.js';

const MAILBOX = 'wilma.tyontekija@hyvinvointialue.example';
const EVENTS = `/v1.0/users/${encodeURIComponent(MAILBOX)}/events`;
const SCHEDULE = `/v1.0/users/${encodeURIComponent(MAILBOX)}/calendar/getSchedule`;

let sandbox: GraphSandbox;
let raw: ReturnType<typeof rawClient>;
let token: string;

const newEvent = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Yhteistyöaika',
  start: { dateTime: '2026-03-25T12:00:00', timeZone: 'FLE Standard Time' },
  end: { dateTime: '2026-03-25T13:30:00', timeZone: 'FLE Standard Time' },
  isOnlineMeeting: true,
  onlineMeetingProvider: 'teamsForBusiness',
  ...overrides,
});

beforeAll(async () => {
  sandbox = await startGraphSandbox();
  raw = rawClient(sandbox);
  token = (await raw.token()).json.access_token ?? '';
});

afterAll(async () => {
  await sandbox.stop();
});

beforeEach(() => {
  sandbox.faults.clear();
});

describe('authentication', () => {
  it('answers 401 in Graph\'s error envelope without a token it issued', async () => {
    for (const bearer of [undefined, 'forged']) {
      const reply = await raw.send('POST', EVENTS, { body: newEvent(), token: bearer, headers: { 'client-request-id': 'c-1' } });
      expect(reply.status).toBe(401);
      expect(reply.json).toMatchObject({
        error: { code: 'InvalidAuthenticationToken', innerError: { 'client-request-id': 'c-1', 'request-id': expect.any(String), date: expect.any(String) } },
      });
    }
  });

  it('refuses a wrong client secret the way Entra ID does', async () => {
    const reply = await raw.token('wrong');
    expect(reply.status).toBe(401);
    expect(reply.json.error).toBe('invalid_client');
  });
});

describe('events', () => {
  it('answers a repeated transactionId with the first event', async () => {
    const body = newEvent({ transactionId: 'tx-behaviour-1' });
    const first = await raw.send('POST', EVENTS, { body, token });
    const second = await raw.send('POST', EVENTS, { body, token });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((second.json as { id: string }).id).toBe((first.json as { id: string }).id);
  });

  it('accepts the IANA name as well as the Windows name and answers in UTC unless another zone is preferred', async () => {
    const iana = newEvent({
      start: { dateTime: '2026-04-01T12:00:00', timeZone: 'Europe/Helsinki' },
      end: { dateTime: '2026-04-01T13:30:00', timeZone: 'Europe/Helsinki' },
    });
    const utc = await raw.send('POST', EVENTS, { body: iana, token });
    expect(utc.json).toMatchObject({ start: { dateTime: '2026-04-01T09:00:00.0000000', timeZone: 'UTC' }, originalStartTimeZone: 'Europe/Helsinki' });
    const id = (utc.json as { id: string }).id;
    const local = await raw.send('GET', `${EVENTS}/${id}`, { token, headers: { prefer: 'outlook.timezone="FLE Standard Time"' } });
    expect(local.json).toMatchObject({ start: { dateTime: '2026-04-01T12:00:00.0000000', timeZone: 'FLE Standard Time' } });
  });

  it('rejects a zone it does not know with TimeZoneNotSupportedException', async () => {
    const body = newEvent({ start: { dateTime: '2026-03-25T12:00:00', timeZone: 'Mars/Olympus' } });
    const reply = await raw.send('POST', EVENTS, { body, token });
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({ error: { code: 'TimeZoneNotSupportedException' } });
  });

  it('lists events overlapping a calendarView window and deletes one', async () => {
    const created = await raw.send('POST', EVENTS, { body: newEvent({ subject: 'Näkymä' }), token });
    const id = (created.json as { id: string }).id;
    const view = await raw.send('GET', `/v1.0/users/${encodeURIComponent(MAILBOX)}/calendarView?startDateTime=2026-03-25T10:30:00Z&endDateTime=2026-03-25T10:45:00Z`, { token });
    expect((view.json as { value: { id: string }[] }).value.map((e) => e.id)).toContain(id);
    expect((await raw.send('DELETE', `${EVENTS}/${id}`, { token })).status).toBe(204);
    expect((await raw.send('GET', `${EVENTS}/${id}`, { token })).json).toMatchObject({ error: { code: 'ErrorItemNotFound' } });
  });

  it('lets only the organizer cancel', async () => {
    const attendee = 'pirjo.kallio@hyvinvointialue.example';
    await raw.send('POST', EVENTS, { body: newEvent({ attendees: [{ emailAddress: { address: attendee } }] }), token });
    const copy = sandbox.calendars.eventsOf(attendee)[0];
    const reply = await raw.send('POST', `/v1.0/users/${encodeURIComponent(attendee)}/events/${copy?.id ?? ''}/cancel`, { body: { comment: 'x' }, token });
    expect(reply.status).toBe(400);
  });
});

describe('getSchedule', () => {
  const window = {
    startTime: { dateTime: '2026-03-23T00:00:00', timeZone: 'FLE Standard Time' },
    endTime: { dateTime: '2026-03-24T00:00:00', timeZone: 'FLE Standard Time' },
    availabilityViewInterval: 360,
  };

  it('reports seeded busy times as items and as an availability view', async () => {
    const person = 'heidi.salminen@hyvinvointialue.example';
    sandbox.calendars.addBusy(person, '2026-03-23T08:00:00Z', '2026-03-23T09:00:00Z');
    const reply = await raw.send('POST', SCHEDULE, { body: { schedules: [person], ...window }, token });
    expect(reply.json).toMatchObject({
      value: [
        {
          scheduleId: person,
          availabilityView: '0200',
          scheduleItems: [{ status: 'busy', start: { dateTime: '2026-03-23T08:00:00.0000000', timeZone: 'UTC' } }],
        },
      ],
    });
  });

  it('refuses more than 100 schedules and windows of 42 days or more', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `p${i}@hyvinvointialue.example`);
    const tooMany = await raw.send('POST', SCHEDULE, { body: { ...window, schedules: many }, token });
    const tooLong = await raw.send('POST', SCHEDULE, {
      body: { ...window, schedules: [MAILBOX], endTime: { dateTime: '2026-05-05T00:00:00', timeZone: 'FLE Standard Time' } },
      token,
    });
    expect([tooMany.status, tooLong.status]).toEqual([400, 400]);
  });
});

describe('faults', () => {
  it('arms throttling over the control endpoint, scoped to a path, with Retry-After', async () => {
    const armed = await raw.send('POST', '/_sandbox/faults', { body: { kind: 'status', status: 429, retryAfterSeconds: 7, times: 2, path: 'getSchedule' } });
    expect(armed.status).toBe(201);
    const body = { schedules: [MAILBOX], startTime: { dateTime: '2026-03-23T00:00:00', timeZone: 'UTC' }, endTime: { dateTime: '2026-03-24T00:00:00', timeZone: 'UTC' } };
    const unrelated = await raw.send('POST', EVENTS, { body: newEvent(), token });
    const first = await raw.send('POST', SCHEDULE, { body, token });
    const second = await raw.send('POST', SCHEDULE, { body, token });
    const third = await raw.send('POST', SCHEDULE, { body, token });
    expect([unrelated.status, first.status, second.status, third.status]).toEqual([201, 429, 429, 200]);
    expect(first.headers['retry-after']).toBe('7');
    expect(first.json).toMatchObject({ error: { code: 'ApplicationThrottled' } });
  });

  it('clears armed faults over the control endpoint', async () => {
    await raw.send('POST', '/_sandbox/faults', { body: { kind: 'delay', ms: 10_000, times: 5 } });
    expect((await raw.send('DELETE', '/_sandbox/faults')).status).toBe(204);
    expect((await raw.send('GET', '/_sandbox/faults')).json).toEqual({ value: [] });
  });
});

describe('request capture', () => {
  it('records method, url with query, headers without Authorization, and body', async () => {
    await raw.send('GET', `/v1.0/users/${encodeURIComponent(MAILBOX)}/calendarView?startDateTime=2026-01-01T00:00:00&endDateTime=2026-01-02T00:00:00`, { token, headers: { 'x-probe': 'capture-1' } });
    const seen = sandbox.requests.find((r) => r.headers['x-probe'] === 'capture-1');
    expect(seen).toMatchObject({ method: 'GET', url: expect.stringContaining('startDateTime=2026-01-01T00:00:00') });
    expect(seen?.headers.authorization).toBeUndefined();
    const tokenRequest = sandbox.requests.find((r) => r.url.includes('/oauth2/v2.0/token'));
    expect(tokenRequest?.body).toContain('client_secret=[redacted]');
  });
});
