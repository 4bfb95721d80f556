import type { Redis } from 'ioredis';
import type { AuditEntry, RequestRepository, StoredRequest, WriteOutcome } from '../app/ports.js';
import { auditFields } from './redis-audit-log.js';
import type { DescriptionDraft } from '../domain/collaboration/description.js';
import type { CollaborationRequest } from '../domain/collaboration/request.js';
import type { DescriptionCipher } from './description-cipher.js';
import { descriptionSchema, requestSchema } from './schemas/request-record.js';
import { openRecord, readRecord } from './schemas/stored-record.js';

const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'meta', ARGV[2], 'description', ARGV[3])
for i = 2, #KEYS do redis.call('ZADD', KEYS[i], ARGV[4], ARGV[5]) end
return 'written'`;

// KEYS: the request, its index sorted sets, the audit stream last. ARGV[7] counts the indexes;
// ARGV[8..] are the audit entry's field-value pairs, appended only if the write happens.
const UPDATE = `
local current = redis.call('HGET', KEYS[1], 'version')
if not current then return 'not_found' end
if current ~= ARGV[1] then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'meta', ARGV[3], 'description', ARGV[4])
local indexes = tonumber(ARGV[7])
for i = 2, 1 + indexes do redis.call('ZADD', KEYS[i], ARGV[5], ARGV[6]) end
if #ARGV > 7 then redis.call('XADD', KEYS[2 + indexes], '*', unpack(ARGV, 8)) end
return 'written'`;

const REMOVE = `
local current = redis.call('HGET', KEYS[1], 'version')
if not current then return 'not_found' end
if current ~= ARGV[1] then return 'conflict' end
redis.call('DEL', KEYS[1])
for i = 2, #KEYS do redis.call('ZREM', KEYS[i], ARGV[2]) end
return 'written'`;

const LIST_LIMIT = 200;

/**
 * One hash per request: the version, the metadata in clear (no client text in it) and the
 * description sealed with AES-GCM. Writes are Lua scripts so the version check and the
 * write cannot be split by another writer.
 */
export class RedisRequestRepository implements RequestRepository {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly cipher: DescriptionCipher,
  ) {}

  async create(stored: StoredRequest): Promise<'written' | 'conflict'> {
    const { request } = stored;
    const indexes = [this.ownerKey(request.ownerId), ...this.unitKeys(request)];
    const outcome = await this.redis.eval(
      CREATE,
      1 + indexes.length,
      this.key(request.id),
      ...indexes,
      String(request.version),
      JSON.stringify(request),
      this.seal(request.id, stored.description),
      Date.parse(request.updatedAt),
      request.id,
    );
    return outcome as 'written' | 'conflict';
  }

  async get(id: string): Promise<StoredRequest | undefined> {
    const [meta, description] = await this.redis.hmget(this.key(id), 'meta', 'description');
    if (!meta || !description) return undefined;
    return {
      request: readRecord(requestSchema, 'request', id, meta),
      description: openRecord(this.cipher, descriptionSchema, 'description', id, description),
    };
  }

  async update(stored: StoredRequest, expectedVersion: number, audit?: AuditEntry): Promise<WriteOutcome> {
    const { request } = stored;
    const indexes = [this.ownerKey(request.ownerId), ...this.unitKeys(request)];
    const outcome = await this.redis.eval(
      UPDATE,
      2 + indexes.length,
      this.key(request.id),
      ...indexes,
      this.auditKey(),
      String(expectedVersion),
      String(request.version),
      JSON.stringify(request),
      this.seal(request.id, stored.description),
      Date.parse(request.updatedAt),
      request.id,
      indexes.length,
      ...(audit ? auditFields(audit) : []),
    );
    return outcome as WriteOutcome;
  }

  /** The stream RedisAuditLog appends to, under the same prefix. */
  private auditKey(): string {
    return `${this.prefix}audit`;
  }

  async remove(id: string, expectedVersion: number): Promise<WriteOutcome> {
    const meta = await this.redis.hget(this.key(id), 'meta');
    if (!meta) return 'not_found';
    const request = readRecord(requestSchema, 'request', id, meta);
    const indexes = [this.ownerKey(request.ownerId), ...this.unitKeys(request)];
    return (await this.redis.eval(REMOVE, 1 + indexes.length, this.key(id), ...indexes, String(expectedVersion), id)) as WriteOutcome;
  }

  async listByOwner(ownerId: string): Promise<CollaborationRequest[]> {
    return this.metadataOf(await this.redis.zrevrange(this.ownerKey(ownerId), 0, LIST_LIMIT - 1));
  }

  private async metadataOf(ids: string[]): Promise<CollaborationRequest[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(this.key(id), 'meta');
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, meta], i) => (error || typeof meta !== 'string' ? [] : [readRecord(requestSchema, 'request', ids[i]!, meta)]));
  }

  /**
   * Sent requests are also found by every unit involved, for the supervisors' lists. A unit
   * replaced by another (an accepted proposal) keeps the id in its index, so it is read out.
   */
  async listByUnit(unitId: string): Promise<CollaborationRequest[]> {
    const listed = await this.metadataOf(await this.redis.zrevrange(this.unitKey(unitId), 0, LIST_LIMIT - 1));
    return listed.filter((request) => unitsInvolved(request).includes(unitId));
  }

  private unitKeys(request: CollaborationRequest): string[] {
    return unitsInvolved(request).map((u) => this.unitKey(u));
  }

  private unitKey(unitId: string): string {
    return `${this.prefix}unit:${unitId}:requests`;
  }

  private seal(id: string, description: DescriptionDraft): string {
    return this.cipher.seal(id, JSON.stringify(description));
  }

  private key(id: string): string {
    return `${this.prefix}request:${id}`;
  }

  private ownerKey(ownerId: string): string {
    return `${this.prefix}owner:${ownerId}:requests`;
  }
}

function unitsInvolved(request: CollaborationRequest): string[] {
  if (request.status === 'draft') return [];
  return [...new Set([request.sendingUnitId, ...request.collaborationUnitIds].filter((u): u is string => Boolean(u)))];
}
