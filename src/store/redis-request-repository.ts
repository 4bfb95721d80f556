import type { Redis } from 'ioredis';
import type { AuditEntry, RequestRepository, StoredRequest, WriteOutcome } from '../app/ports.js';
import { APPEND_AUDIT_LUA, type AuditChain } from './audit-chain.js';
import type { DescriptionDraft } from '../domain/collaboration/description.js';
import type { CollaborationRequest } from '../domain/collaboration/request.js';
import type { DescriptionCipher } from './description-cipher.js';
import { descriptionSchema, requestSchema } from './schemas/request-record.js';
import { openRecord, readRecord } from './schemas/stored-record.js';

// KEYS: the request, its index sorted sets, the reference index last. ARGV[6] is the reference, or ''.
const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'meta', ARGV[2], 'description', ARGV[3])
for i = 2, #KEYS - 1 do redis.call('ZADD', KEYS[i], ARGV[4], ARGV[5]) end
if ARGV[6] ~= '' then redis.call('HSET', KEYS[#KEYS], ARGV[6], ARGV[5]) end
return 'written'`;

// KEYS: the request, its index sorted sets, the reference index, then append_audit's four keys.
// ARGV[7] counts the indexes, ARGV[8] is the reference or ''; ARGV[9..] are append_audit's
// arguments (the retention, the entry's field-value pairs), used only if the write happens.
const UPDATE = `${APPEND_AUDIT_LUA}
local current = redis.call('HGET', KEYS[1], 'version')
if not current then return 'not_found' end
if current ~= ARGV[1] then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'meta', ARGV[3], 'description', ARGV[4])
local indexes = tonumber(ARGV[7])
for i = 2, 1 + indexes do redis.call('ZADD', KEYS[i], ARGV[5], ARGV[6]) end
if ARGV[8] ~= '' then redis.call('HSET', KEYS[2 + indexes], ARGV[8], ARGV[6]) end
if #ARGV > 9 then
  local audit = 2 + indexes
  append_audit(KEYS[audit + 1], KEYS[audit + 2], KEYS[audit + 3], KEYS[audit + 4], tonumber(ARGV[9]), { unpack(ARGV, 10) })
end
return 'written'`;

// KEYS: the request, its index sorted sets, the reference index last. ARGV[3] is the reference, or ''.
const REMOVE = `
local current = redis.call('HGET', KEYS[1], 'version')
if not current then return 'not_found' end
if current ~= ARGV[1] then return 'conflict' end
redis.call('DEL', KEYS[1])
for i = 2, #KEYS - 1 do redis.call('ZREM', KEYS[i], ARGV[2]) end
if ARGV[3] ~= '' and redis.call('HGET', KEYS[#KEYS], ARGV[3]) == ARGV[2] then redis.call('HDEL', KEYS[#KEYS], ARGV[3]) end
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
    /** The audit log's chain: a decision's entry is appended by the same Lua function as RedisAuditLog's. */
    private readonly auditChain: AuditChain,
  ) {}

  async create(stored: StoredRequest): Promise<'written' | 'conflict'> {
    const { request } = stored;
    const indexes = [this.ownerKey(request.ownerId), ...this.unitKeys(request)];
    const outcome = await this.redis.eval(
      CREATE,
      2 + indexes.length,
      this.key(request.id),
      ...indexes,
      this.referencesKey(),
      String(request.version),
      JSON.stringify(request),
      this.seal(request.id, stored.description),
      Date.parse(request.updatedAt),
      request.id,
      request.reference ?? '',
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
      6 + indexes.length,
      this.key(request.id),
      ...indexes,
      this.referencesKey(),
      // Named even without an entry, so the script's KEYS keep one layout.
      ...this.auditChain.keys(audit?.requestId ?? request.id),
      String(expectedVersion),
      String(request.version),
      JSON.stringify(request),
      this.seal(request.id, stored.description),
      Date.parse(request.updatedAt),
      request.id,
      indexes.length,
      request.reference ?? '',
      ...(audit ? this.auditChain.args(audit) : []),
    );
    return outcome as WriteOutcome;
  }

  async remove(id: string, expectedVersion: number): Promise<WriteOutcome> {
    const meta = await this.redis.hget(this.key(id), 'meta');
    if (!meta) return 'not_found';
    const request = readRecord(requestSchema, 'request', id, meta);
    const indexes = [this.ownerKey(request.ownerId), ...this.unitKeys(request)];
    const keys = [this.key(id), ...indexes, this.referencesKey()];
    return (await this.redis.eval(REMOVE, keys.length, ...keys, String(expectedVersion), id, request.reference ?? '')) as WriteOutcome;
  }

  async findByReference(reference: string): Promise<CollaborationRequest | undefined> {
    const id = await this.redis.hget(this.referencesKey(), reference);
    if (!id) return undefined;
    const [request] = await this.metadataOf([id]);
    return request?.reference === reference ? request : undefined;
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

  /** Reference → request id, written by the same scripts that write the request. */
  private referencesKey(): string {
    return `${this.prefix}request-references`;
  }

  private ownerKey(ownerId: string): string {
    return `${this.prefix}owner:${ownerId}:requests`;
  }
}

function unitsInvolved(request: CollaborationRequest): string[] {
  if (request.status === 'draft') return [];
  return [...new Set([request.sendingUnitId, ...request.collaborationUnitIds].filter((u): u is string => Boolean(u)))];
}
