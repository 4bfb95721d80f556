import type { RedisClient } from '../../src/store/redis-connection.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import type { FeedbackAnswer } from '../../src/domain/feedback/feedback.js';
import { monthRange } from '../../src/domain/metrics/unit-metrics.js';
import type { DescriptionCipher } from '../../src/store/description-cipher.js';
import { EMPTY_DESCRIPTION } from './routing-fakes.js';

/**
 * Years of one unit's history for the report at scale: unit `a` sends every request to unit `b`,
 * evenly over the months up to `lastMonth`; each is approved 1–5 days after sending (at any
 * millisecond, so lead times have no tidy sums), most acknowledged and named, three in four meet
 * (one in eight of those without the client's consent) and all but the last two months' are
 * closed and purged, as old history is.
 */
export interface UnitHistory {
  readonly requests: readonly CollaborationRequest[];
  readonly answers: readonly FeedbackAnswer[];
  readonly months: readonly string[];
}

const DAY_MS = 24 * 3600 * 1000;
const at = (instant: number) => new Date(instant).toISOString();

/** A small deterministic generator, so every run seeds the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function unitHistory(count: number, firstMonth: string, lastMonth: string, answers: number): UnitHistory {
  const months = monthRange(firstMonth, lastMonth, 240)!;
  const next = random(18);
  const recent = new Set(months.slice(-2));
  const requests = Array.from({ length: count }, (_, i): CollaborationRequest => {
    const month = months[Math.floor((i * months.length) / count)]!;
    const sentAt = Date.parse(`${month}-01T06:00:00Z`) + Math.floor(next() * 20 * DAY_MS);
    const approvedAt = sentAt + DAY_MS + Math.floor(next() * 4 * DAY_MS);
    const acknowledgedAt = next() < 0.8 ? approvedAt + Math.floor(next() * 3 * DAY_MS) : undefined;
    const namedAt = acknowledgedAt !== undefined && next() < 0.9 ? acknowledgedAt + Math.floor(next() * 2 * DAY_MS) : undefined;
    const meetingDate = namedAt !== undefined && next() < 0.75 ? at(namedAt + 7 * DAY_MS + Math.floor(next() * 14) * DAY_MS).slice(0, 10) : undefined;
    const attendees = ['worker-0', 'worker-1', 'worker-2'].slice(0, 1 + Math.floor(next() * 3));
    const open = recent.has(month);
    return {
      id: `history-${String(i).padStart(6, '0')}`,
      version: 5,
      status: open ? 'routed' : 'closed',
      reference: `YT-${month.slice(0, 4)}-${String(i).padStart(6, '0')}`,
      ownerId: `worker-${i % 40}`,
      sendingUnitId: 'a',
      collaborationUnitIds: ['b'],
      consentRecorded: true,
      needConfirmedInTeam: true,
      createdAt: at(sentAt),
      updatedAt: at(namedAt ?? approvedAt),
      submittedAt: at(sentAt),
      decision: { kind: 'approved', by: 'lead', at: at(approvedAt) },
      units: [
        {
          unitId: 'b',
          status: namedAt ? 'worker_named' : acknowledgedAt ? 'acknowledged' : 'awaiting_acknowledgement',
          acknowledged: acknowledgedAt === undefined ? undefined : { by: 'other', at: at(acknowledgedAt) },
          named: namedAt === undefined ? undefined : { by: 'other', at: at(namedAt) },
          namedWorkerId: namedAt === undefined ? undefined : 'worker-b',
        },
      ],
      outcomes: meetingDate
        ? [
            {
              generation: 1,
              date: meetingDate,
              consent: next() < 0.125 ? 'not_given' : 'given',
              recordedBy: 'worker-0',
              recordedAt: `${meetingDate}T12:00:00.000Z`,
              attendeeIds: attendees,
              clientPresence: 'in_person',
            },
          ]
        : undefined,
      purgedAt: open ? undefined : at(Date.parse(`${month}-28T00:00:00Z`) + 60 * DAY_MS),
    };
  });
  const feedback = Array.from({ length: answers }, (_, i): FeedbackAnswer => {
    const client = i % 6 === 5;
    return {
      requestId: requests[(i * 37) % requests.length]!.id,
      generation: 1,
      month: months[Math.floor((i * months.length) / answers)]!,
      unitIds: ['a', 'b'],
      respondent: client ? 'client' : 'worker',
      scores: client ? { client: 1 + Math.floor(next() * 5) } : { useful: 1 + Math.floor(next() * 5) },
      comment: '',
    };
  });
  return { requests, answers: feedback, months };
}

/**
 * Writes the requests as a release before the month figures left them, in pipelines (the workflow core's keys, as the layout migration leaves
 * them): the hash with its version, metadata and sealed description, and no figures. The reindex at start counts
 * them; that is how a unit's years of history come to the figures.
 */
export async function storeAsEarlierRelease(redis: RedisClient, prefix: string, cipher: DescriptionCipher, requests: readonly CollaborationRequest[]): Promise<void> {
  const BATCH = 2000;
  const description = JSON.stringify(EMPTY_DESCRIPTION);
  for (let first = 0; first < requests.length; first += BATCH) {
    const pipeline = redis.pipeline();
    for (const request of requests.slice(first, first + BATCH)) {
      pipeline.hset(`${prefix}{wf}:request:${request.id}`, 'version', String(request.version), 'meta', JSON.stringify(request), 'description', cipher.seal(request.id, description));
    }
    await pipeline.exec();
  }
}
