import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StoredRequest } from '../../src/app/ports.js';
import { loadConfig } from '../../src/config/env.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { countyDate } from '../../src/domain/time.js';
import { AuditChain } from '../../src/store/audit-chain.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { SUPERVISOR, WORKER } from '../../test/support/bot-harness.js';
import { HEALTH_LEAD } from '../../test/support/people.js';
import { descriptionDraft } from './description.js';

const SENDING_UNIT = 'perhesosiaalityo';
/** The receiving unit of a routed request: its one supervisor gets the acknowledgement reminder. */
export const RECEIVING_UNIT = 'terveysasemat';
const WRITES_IN_FLIGHT = 64;

/** The repository the bot itself uses, under the bot's prefix and with the key a bot of the same configuration decrypts with. */
export function requestRepository(redis: Redis, prefix: string): RedisRequestRepository {
  const config = loadConfig({});
  return new RedisRequestRepository(redis, prefix, new DescriptionCipher(config.encryptionKeys), AuditChain.keptForDays(prefix, config.auditRetentionDays));
}

let referenceNumber = 0;

/** What a worker's request looks like once sent for the supervisor's approval, as submitting stores it. */
function submitted(at: string): CollaborationRequest {
  return {
    id: randomBytes(16).toString('base64url'),
    version: 2,
    status: 'submitted',
    reference: `YT-2026-${String(++referenceNumber).padStart(5, '0')}`,
    ownerId: WORKER.aadObjectId,
    sendingUnitId: SENDING_UNIT,
    collaborationUnitIds: ['lastenpsykiatria', RECEIVING_UNIT],
    descriptionDate: countyDate(new Date(at)),
    consentRecorded: true,
    needConfirmedInTeam: true,
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
    consentFact: { by: WORKER.aadObjectId, at },
    units: [],
  };
}

/** Approved and routed to one unit, which has not acknowledged it yet. */
function routed(at: string): CollaborationRequest {
  return {
    ...submitted(at),
    version: 3,
    status: 'routed',
    collaborationUnitIds: [RECEIVING_UNIT],
    decision: { kind: 'approved', by: SUPERVISOR.aadObjectId, at },
    units: [{ unitId: RECEIVING_UNIT, status: 'awaiting_acknowledgement' }],
  };
}

/** Acknowledged by the receiving unit's supervisor, a team meeting named: naming its worker is next. */
function acknowledged(at: string): CollaborationRequest {
  const request = routed(at);
  return { ...request, version: 4, units: [{ unitId: RECEIVING_UNIT, status: 'acknowledged', processingDate: countyDate(new Date(Date.parse(at) + 7 * 86_400_000)), acknowledged: { by: HEALTH_LEAD.aadObjectId, at } }] };
}

const SEEDED = { submitted, routed, acknowledged } as const;

export type SeedState = keyof typeof SEEDED;

/** Stores `count` requests with descriptions of a few hundred words through the repository; answers their ids. */
export async function seedRequests(repository: RedisRequestRepository, count: number, state: SeedState): Promise<string[]> {
  const at = new Date().toISOString();
  const ids: string[] = [];
  for (let start = 0; start < count; start += WRITES_IN_FLIGHT) {
    const batch = Array.from({ length: Math.min(WRITES_IN_FLIGHT, count - start) }, (_, i): StoredRequest => ({
      request: SEEDED[state](at),
      description: descriptionDraft(start + i),
    }));
    const outcomes = await Promise.all(batch.map((stored) => repository.create(stored)));
    if (outcomes.some((o) => o !== 'written')) throw new Error('a seeded request was not written');
    ids.push(...batch.map((s) => s.request.id));
  }
  return ids;
}

/** How many of the requests are in the state, read as the bot reads them. */
export async function countInState(repository: RedisRequestRepository, ids: readonly string[], status: CollaborationRequest['status']): Promise<number> {
  let count = 0;
  for (let start = 0; start < ids.length; start += 500) {
    const read = await Promise.all(ids.slice(start, start + 500).map((id) => repository.get(id)));
    count += read.filter((stored) => stored?.request.status === status).length;
  }
  return count;
}

export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}
