import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { runEffect } from '../../src/app/routing/effects.js';
import { finnishHolidays } from '../../src/domain/slots/calendar-days.js';
import { SlotFinder } from '../../src/domain/slots/slot-finder.js';
import { DEFAULT_SERIES } from '../../src/domain/slots/yhteistyoaika-series.js';
import { createGraphCalendarGateway } from '../../src/graph/graph-calendar-gateway.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';
import { directory } from '../support/people.js';
import { EMPTY_DESCRIPTION, fakeRoutingDeps } from '../support/routing-fakes.js';

const OWNER = '00000000-0000-4000-8000-000000000101';
const NAMED = directory.unit('lastenpsykiatria')!.members[0]!;
const AT = '2026-11-24T10:00:00.000Z';
const REQUEST = 'timeout-request-00001';
const slot = { date: '2026-12-23', start: '2026-12-23T10:00:00.000Z', end: '2026-12-23T10:45:00.000Z', caseIndexes: [0] };
const CLIENT_TIMEOUT_MS = 400;

describe('Graph committing an event and answering after the client gave up', () => {
  let sandbox: GraphSandbox;
  beforeAll(async () => {
    sandbox = await startGraphSandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('books once: the job retried with the same transactionId gets the committed event back', async () => {
    const env = sandboxEnvironment(sandbox);
    const requests = new InMemoryRequestRepository();
    await requests.create({
      request: {
        id: REQUEST,
        version: 1,
        status: 'meeting_proposed',
        reference: 'YT-2026-0077',
        ownerId: OWNER,
        collaborationUnitIds: ['lastenpsykiatria'],
        consentRecorded: true,
        needConfirmedInTeam: true,
        createdAt: AT,
        updatedAt: AT,
        units: [{ unitId: 'lastenpsykiatria', status: 'worker_named', namedWorkerId: NAMED, named: { by: 'lead', at: AT } }],
        meeting: { generation: 1, proposals: [slot], skipped: [], chosen: { ...slot, by: OWNER, at: AT } },
      },
      description: EMPTY_DESCRIPTION,
    });
    const { deps, notified } = fakeRoutingDeps(requests, AT, {
      scheduling: {
        calendar: createGraphCalendarGateway({
          baseUrl: env.GRAPH_BASE_URL!,
          tenantId: env.GRAPH_TENANT_ID!,
          clientId: env.GRAPH_CLIENT_ID!,
          clientSecret: env.GRAPH_CLIENT_SECRET!,
          authority: env.GRAPH_AUTHORITY,
          caFile: env.GRAPH_CA_FILE,
          requestTimeoutMs: CLIENT_TIMEOUT_MS,
        }),
        reservations: { reserve: async () => true, release: async () => undefined, bookedBetween: async () => [] },
        finder: new SlotFinder({ ...DEFAULT_SERIES, anchor: '2026-11-25' }, finnishHolidays, []),
        series: { ...DEFAULT_SERIES, anchor: '2026-11-25' },
        seriesTexts: { subject: 'Yhteistyöaika', body: '' },
        leadWorkingDays: 2,
        organizerMailbox: undefined,
        proposals: 3,
        eventTexts: (reference) => ({ subject: `Yhteistyöaika ${reference}`, body: reference, cancelComment: reference }),
      },
    });
    const organizer = directory.person(OWNER)!.email!;
    const ours = () => sandbox.calendars.eventsOf(organizer).filter((e) => e.transactionId?.includes(REQUEST));
    // The token is fetched before the create: only the create itself is held.
    sandbox.faults.inject({ kind: 'delay', ms: CLIENT_TIMEOUT_MS * 4, afterWork: true }, 1, /\/events$/);

    await expect(runEffect(deps, { kind: 'book', requestId: REQUEST })).rejects.toMatchObject({ code: 'network', retryable: true });
    expect(ours()).toHaveLength(1);
    expect((await requests.get(REQUEST))?.request.status).toBe('meeting_proposed');
    expect(notified).toEqual([]);

    await runEffect(deps, { kind: 'book', requestId: REQUEST });
    const [event] = ours();
    expect(ours()).toHaveLength(1);
    expect(sandbox.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/events') && r.body.includes(REQUEST))).toHaveLength(2);
    const booked = (await requests.get(REQUEST))?.request;
    expect(booked?.status).toBe('booked');
    expect(booked?.meeting?.booked?.eventId).toBe(event!.id);
    expect(notified.filter((n) => n.kind === 'meeting_booked').map((n) => ('to' in n ? n.to : '')).sort()).toEqual([NAMED, OWNER].sort());
  });
});
