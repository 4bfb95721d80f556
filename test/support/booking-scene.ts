import { InMemoryOccurrenceBlocks } from './in-memory-occurrence-blocks.js';
import type { GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { sandboxEnvironment } from '../../scripts/graph-sandbox/server.js';
import type { RequestRepository } from '../../src/app/ports.js';
import type { Scheduling } from '../../src/app/workflow/scheduling.js';
import type { ProposedSlot } from '../../src/domain/collaboration/meeting-plan.js';
import { finnishHolidays } from '../../src/domain/slots/calendar-days.js';
import { SlotFinder } from '../../src/domain/slots/slot-finder.js';
import { DEFAULT_SERIES } from '../../src/domain/slots/yhteistyoaika-series.js';
import { createGraphCalendarGateway } from '../../src/graph/graph-calendar-gateway.js';
import { EMPTY_DESCRIPTION } from './routing-fakes.js';

const SERIES = { ...DEFAULT_SERIES, anchor: '2026-11-25' };

/** A request whose chair has chosen `slot`, its one unit's worker named: the booking job is next. */
export async function storeChosenSlot(
  requests: RequestRepository,
  request: { id: string; reference: string; ownerId: string; namedWorkerId: string; slot: ProposedSlot; at: string },
): Promise<void> {
  const { id, reference, ownerId, namedWorkerId, slot, at } = request;
  await requests.create({
    request: {
      id,
      version: 1,
      status: 'meeting_proposed',
      reference,
      ownerId,
      collaborationUnitIds: ['lastenpsykiatria'],
      consentRecorded: true,
      needConfirmedInTeam: true,
      createdAt: at,
      updatedAt: at,
      units: [{ unitId: 'lastenpsykiatria', status: 'worker_named', namedWorkerId, named: { by: 'lead', at } }],
      meeting: { generation: 1, proposals: [slot], skipped: [], chosen: { ...slot, by: ownerId, at } },
    },
    description: EMPTY_DESCRIPTION,
  });
}

/** Booking against the Graph sandbox through the real Graph client and MSAL, with every slot free to reserve. */
export function sandboxScheduling(sandbox: GraphSandbox, options: { organizerMailbox?: string | undefined; requestTimeoutMs?: number } = {}): Scheduling {
  const env = sandboxEnvironment(sandbox);
  return {
    calendar: createGraphCalendarGateway({
      baseUrl: env.GRAPH_BASE_URL!,
      tenantId: env.GRAPH_TENANT_ID!,
      clientId: env.GRAPH_CLIENT_ID!,
      clientSecret: env.GRAPH_CLIENT_SECRET!,
      authority: env.GRAPH_AUTHORITY,
      caFile: env.GRAPH_CA_FILE,
      ...(options.requestTimeoutMs !== undefined && { requestTimeoutMs: options.requestTimeoutMs }),
    }),
    reservations: { reserve: async () => true, release: async () => undefined, bookedBetween: async () => [], peopleHeld: async () => [], rehold: async () => undefined, heldBy: async () => [] },
    blocks: new InMemoryOccurrenceBlocks(),
    finder: new SlotFinder(SERIES, finnishHolidays, []),
    series: SERIES,
    seriesTexts: { subject: 'Yhteistyöaika', body: '' },
    leadWorkingDays: 2,
    organizerMailbox: options.organizerMailbox,
    proposals: 3,
    eventTexts: (reference) => ({ subject: `Yhteistyöaika ${reference}`, body: reference, cancelComment: reference }),
  };
}
