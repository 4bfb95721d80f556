import type { Redis } from 'ioredis';
import type { AuditEntry, RequestRepository, StoredRequest, WriteOutcome } from '../app/ports.js';
import type { QueuedEffect } from '../app/effect.js';
import { APPEND_AUDIT_LUA, type AuditChain } from './audit-chain.js';
import { RedisEffectOutbox, WRITE_OUTBOX_LUA } from './redis-effect-outbox.js';
import type { DescriptionDraft } from '../domain/collaboration/description.js';
import type { CollaborationRequest } from '../domain/collaboration/request.js';
import type { DescriptionCipher } from './description-cipher.js';
import { descriptionSchema, requestSchema } from './schemas/request-record.js';
import { openRecord, readRecord } from './schemas/stored-record.js';

// What a write does besides storing the request: its indexes, its reference, its audit entry and
// its effects, all in the one script. KEYS after the request's own: the index sorted sets, the
// reference index, append_audit's four keys, the outbox's two. ARGV from `first`: the count of
// indexes, the reference or '', the outbox entries as JSON, the time, then append_audit's
// arguments (the retention, the entry's field-value pairs) when there is an entry.
const WRITE_WITH = `${APPEND_AUDIT_LUA}${WRITE_OUTBOX_LUA}
local function write_with(first, score, id)
  local indexes = tonumber(ARGV[first])
  for i = 2, 1 + indexes do redis.call('ZADD', KEYS[i], score, id) end
  if ARGV[first + 1] ~= '' then redis.call('HSET', KEYS[2 + indexes], ARGV[first + 1], id) end
  local audit = 2 + indexes
  write_outbox(KEYS[audit + 5], KEYS[audit + 6], ARGV[first + 3], cjson.decode(ARGV[first + 2]))
  if #ARGV > first + 4 then
    append_audit(KEYS[audit + 1], KEYS[audit + 2], KEYS[audit + 3], KEYS[audit + 4], tonumber(ARGV[first + 4]), { unpack(ARGV, first + 5) })
  end
end
`;

// ARGV: the version, the metadata, the sealed description, the index score, the id, then write_with's from 6.
const CREATE = `${WRITE_WITH}
if redis.call('EXISTS', KEYS[1]) == 1 then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'meta', ARGV[2], 'description', ARGV[3])
write_with(6, ARGV[4], ARGV[5])
return 'written'`;

// ARGV: the expected version, the new one, the metadata, the sealed description, the index score, the id, then write_with's from 7.
const UPDATE = `${WRITE_WITH}
local current = redis.call('HGET', KEYS[1], 'version')
if not current then return 'not_found' end
if current ~= ARGV[1] then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'meta', ARGV[3], 'description', ARGV[4])
write_with(7, ARGV[5], ARGV[6])
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
    /** Told after a write that left effects in the outbox, so the relay moves them at once. */
    private readonly effectsWritten: () => void = () => {},
  ) {
    this.outbox = new RedisEffectOutbox(redis, prefix);
  }

  /** Where a decision's effects are written with it; the relay queues them. */
  private readonly outbox: RedisEffectOutbox;

  async create(stored: StoredRequest, audit?: AuditEntry, effects: readonly QueuedEffect[] = []): Promise<'written' | 'conflict'> {
    const { request } = stored;
    const outcome = await this.redis.eval(
      CREATE,
      ...this.writeKeys(request, audit),
      String(request.version),
      JSON.stringify(request),
      this.seal(request.id, stored.description),
      Date.parse(request.updatedAt),
      request.id,
      ...this.writeArgs(request, audit, effects),
    );
    if (outcome === 'written' && effects.length > 0) this.effectsWritten();
    return outcome as 'written' | 'conflict';
  }

  /** The key count and keys `write_with` expects; audit keys named even without an entry, so the layout is one. */
  private writeKeys(request: CollaborationRequest, audit: AuditEntry | undefined): [number, ...string[]] {
    const keys = [
      this.key(request.id),
      this.ownerKey(request.ownerId),
      ...this.unitKeys(request),
      this.referencesKey(),
      ...this.auditChain.keys(audit?.requestId ?? request.id),
      ...this.outbox.keys(),
    ];
    return [keys.length, ...keys];
  }

  private writeArgs(request: CollaborationRequest, audit: AuditEntry | undefined, effects: readonly QueuedEffect[]): (string | number)[] {
    return [
      1 + this.unitKeys(request).length,
      request.reference ?? '',
      this.outbox.encode(effects),
      // Real time, not the workflow's: it orders the entries and tells the relay how long one waited.
      Date.now(),
      ...(audit ? this.auditChain.args(audit) : []),
    ];
  }

  async get(id: string): Promise<StoredRequest | undefined> {
    const [meta, description] = await this.redis.hmget(this.key(id), 'meta', 'description');
    if (!meta || !description) return undefined;
    return {
      request: readRecord(requestSchema, 'request', id, meta),
      description: openRecord(this.cipher, descriptionSchema, 'description', id, description),
    };
  }

  async update(stored: StoredRequest, expectedVersion: number, audit?: AuditEntry, effects: readonly QueuedEffect[] = []): Promise<WriteOutcome> {
    const { request } = stored;
    const outcome = await this.redis.eval(
      UPDATE,
      ...this.writeKeys(request, audit),
      String(expectedVersion),
      String(request.version),
      JSON.stringify(request),
      this.seal(request.id, stored.description),
      Date.parse(request.updatedAt),
      request.id,
      ...this.writeArgs(request, audit, effects),
    );
    if (outcome === 'written' && effects.length > 0) this.effectsWritten();
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
