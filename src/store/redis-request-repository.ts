import type { ChainableCommander, Redis } from 'ioredis';
import type { QueuedEffect } from '../app/effect.js';
import type { AuditEntry, RequestRepository, StoredRequest, WriteOutcome } from '../app/ports.js';
import { APPEND_AUDIT_LUA, type AuditChain } from './audit-chain.js';
import { RedisEffectOutbox, WRITE_OUTBOX_LUA } from './redis-effect-outbox.js';
import type { DescriptionDraft } from '../domain/collaboration/description.js';
import { isFinished, type CollaborationRequest } from '../domain/collaboration/request.js';
import { monthRange, monthsCounted } from '../domain/metrics/unit-metrics.js';
import type { DescriptionCipher } from './description-cipher.js';
import { descriptionSchema, requestSchema } from './schemas/request-record.js';
import { openRecord, readRecord } from './schemas/stored-record.js';

/**
 * Moves a request between unit indexes: out of the `leaving` keys from KEYS[first] on, into
 * every key after them. Every script that writes a request files it with this, so the indexes
 * and the record are one write and never disagree.
 */
const REFILE_LUA = `
local function refile(first, leaving, score, id)
  for i = first, first + leaving - 1 do redis.call('ZREM', KEYS[i], id) end
  for i = first + leaving, #KEYS do redis.call('ZADD', KEYS[i], score, id) end
end
`;

/**
 * What a write sets down beside the request, in the same script: its audit entry and the effects
 * it causes. KEYS[4..7] are append_audit's, KEYS[8..9] the outbox's; ARGV from `first` are the
 * outbox entries as JSON, the time, then append_audit's arguments (the retention, the entry's
 * field-value pairs) when there is an entry.
 */
const RECORD_LUA = `${APPEND_AUDIT_LUA}${WRITE_OUTBOX_LUA}
local function record(first)
  write_outbox(KEYS[8], KEYS[9], ARGV[first + 1], cjson.decode(ARGV[first]))
  if #ARGV > first + 2 then
    append_audit(KEYS[4], KEYS[5], KEYS[6], KEYS[7], tonumber(ARGV[first + 2]), { unpack(ARGV, first + 3) })
  end
end
`;

// KEYS: the request, the owner's list, the reference index, append_audit's four, the outbox's two,
// then the unit indexes it is in. ARGV[6] is the reference or ''; ARGV[7] names the unit indexes,
// as the record keeps them; record's arguments from ARGV[8].
const CREATE = `${REFILE_LUA}${RECORD_LUA}
if redis.call('EXISTS', KEYS[1]) == 1 then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'meta', ARGV[2], 'description', ARGV[3], 'indexes', ARGV[7], 'indexedVersion', ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
if ARGV[6] ~= '' then redis.call('HSET', KEYS[3], ARGV[6], ARGV[5]) end
refile(10, 0, ARGV[4], ARGV[5])
record(8)
return 'written'`;

// KEYS: the request, the owner's list, the reference index, append_audit's four keys, the outbox's
// two, the unit indexes the request leaves, then those it is in. ARGV[7] is the reference or '';
// ARGV[8] the unit indexes the record named when they were worked out, ARGV[9] those it names
// now, ARGV[10] how many it leaves; record's arguments from ARGV[11], used only if the write happens.
const UPDATE = `${REFILE_LUA}${RECORD_LUA}
local current = redis.call('HGET', KEYS[1], 'version')
if not current then return 'not_found' end
if current ~= ARGV[1] or (redis.call('HGET', KEYS[1], 'indexes') or '') ~= ARGV[8] then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'meta', ARGV[3], 'description', ARGV[4], 'indexes', ARGV[9], 'indexedVersion', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[6])
if ARGV[7] ~= '' then redis.call('HSET', KEYS[3], ARGV[7], ARGV[6]) end
refile(10, tonumber(ARGV[10]), ARGV[5], ARGV[6])
record(11)
return 'written'`;

// KEYS: the request, the owner's list, the reference index, then the unit indexes the record
// names. ARGV[3] is the reference or ''; ARGV[4] the unit indexes as read.
const REMOVE = `${REFILE_LUA}
local current = redis.call('HGET', KEYS[1], 'version')
if not current then return 'not_found' end
if current ~= ARGV[1] or (redis.call('HGET', KEYS[1], 'indexes') or '') ~= ARGV[4] then return 'conflict' end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
if ARGV[3] ~= '' and redis.call('HGET', KEYS[3], ARGV[3]) == ARGV[2] then redis.call('HDEL', KEYS[3], ARGV[3]) end
refile(4, #KEYS - 3, 0, ARGV[2])
return 'written'`;

// KEYS: the request, the unit indexes it leaves, then those it is in. ARGV[1] is the version the
// indexes were worked out from, ARGV[2] the indexes the record named then ('' for none), ARGV[3]
// those it belongs in, ARGV[4] how many it leaves, ARGV[5] its last change (the score), ARGV[6]
// its id. A record changed since it was read is left to its writer.
const REINDEX = `${REFILE_LUA}
if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] or (redis.call('HGET', KEYS[1], 'indexes') or '') ~= ARGV[2] then return 'changed' end
redis.call('HSET', KEYS[1], 'indexes', ARGV[3], 'indexedVersion', ARGV[1])
refile(2, tonumber(ARGV[4]), ARGV[5], ARGV[6])
return 'written'`;

/**
 * A person's own list is for picking one of their cases; the card shows the newest fifteen, so
 * older ones beyond this are left out rather than read, and its "15 of N" says at most 200.
 * Nothing is counted from this list: reports and waiting lists read the unit indexes.
 */
const OWN_LIST_LIMIT = 200;

/** Twenty years of months at the most, as the feedback store reads: a wild range is never spelled out. */
const MAX_MONTHS = 240;

/** How many records a start-up reindex reads per SCAN step. */
const REINDEX_BATCH = 500;

/**
 * One hash per request: the version, the metadata in clear (no client text in it) and the
 * description sealed with AES-GCM. Writes are Lua scripts so the version check and the
 * write cannot be split by another writer.
 *
 * Each sent request is also filed, in the same scripts, under unit indexes (sorted sets by last
 * change): per unit it involves and month it counts in (`monthsCounted`), so a report reads its
 * months and no other history; and per unit while it is open, so the waiting lists read no
 * closed case. The hash names the indexes it is filed under (`indexes`), so a change that moves
 * it (a later meeting, a unit replaced, the case closed) takes it out of those it left.
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

  /** The keys after the request's own three: the audit chain's (named even without an entry, so the layout is one) and the outbox's. */
  private recordKeys(request: CollaborationRequest, audit: AuditEntry | undefined): string[] {
    return [...this.auditChain.keys(audit?.requestId ?? request.id), ...this.outbox.keys()];
  }

  private recordArgs(audit: AuditEntry | undefined, effects: readonly QueuedEffect[]): (string | number)[] {
    // Real time, not the workflow's: it orders the outbox and tells the relay how long an entry waited.
    return [this.outbox.encode(effects), Date.now(), ...(audit ? this.auditChain.args(audit) : [])];
  }

  async create(stored: StoredRequest, audit?: AuditEntry, effects: readonly QueuedEffect[] = []): Promise<'written' | 'conflict'> {
    const { request } = stored;
    const indexes = unitIndexes(request);
    const outcome = await this.redis.eval(
      CREATE,
      9 + indexes.length,
      this.key(request.id),
      this.ownerKey(request.ownerId),
      this.referencesKey(),
      ...this.recordKeys(request, audit),
      ...this.keysOf(indexes),
      String(request.version),
      JSON.stringify(request),
      this.seal(request.id, stored.description),
      Date.parse(request.updatedAt),
      request.id,
      request.reference ?? '',
      indexes.join(' '),
      ...this.recordArgs(audit, effects),
    );
    if (outcome === 'written' && effects.length > 0) this.effectsWritten();
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

  async update(stored: StoredRequest, expectedVersion: number, audit?: AuditEntry, effects: readonly QueuedEffect[] = []): Promise<WriteOutcome> {
    const { request } = stored;
    // The indexes the record is filed under now; the script refuses the write if they moved since.
    const [version, filed] = await this.redis.hmget(this.key(request.id), 'version', 'indexes');
    if (version === null) return 'not_found';
    if (version !== String(expectedVersion)) return 'conflict';
    const { leaving, now } = refiling(filed, request);
    const outcome = await this.redis.eval(
      UPDATE,
      9 + leaving.length + now.length,
      this.key(request.id),
      this.ownerKey(request.ownerId),
      this.referencesKey(),
      ...this.recordKeys(request, audit),
      ...this.keysOf(leaving),
      ...this.keysOf(now),
      String(expectedVersion),
      String(request.version),
      JSON.stringify(request),
      this.seal(request.id, stored.description),
      Date.parse(request.updatedAt),
      request.id,
      request.reference ?? '',
      filed ?? '',
      now.join(' '),
      leaving.length,
      ...this.recordArgs(audit, effects),
    );
    if (outcome === 'written' && effects.length > 0) this.effectsWritten();
    return outcome as WriteOutcome;
  }

  async remove(id: string, expectedVersion: number): Promise<WriteOutcome> {
    const [meta, filed] = await this.redis.hmget(this.key(id), 'meta', 'indexes');
    if (!meta) return 'not_found';
    const request = readRecord(requestSchema, 'request', id, meta);
    const keys = [this.key(id), this.ownerKey(request.ownerId), this.referencesKey(), ...this.keysOf(namesIn(filed))];
    return (await this.redis.eval(REMOVE, keys.length, ...keys, String(expectedVersion), id, request.reference ?? '', filed ?? '')) as WriteOutcome;
  }

  async findByReference(reference: string): Promise<CollaborationRequest | undefined> {
    const id = await this.redis.hget(this.referencesKey(), reference);
    if (!id) return undefined;
    const [request] = await this.metadataOf([id]);
    return request?.reference === reference ? request : undefined;
  }

  async listByOwner(ownerId: string): Promise<CollaborationRequest[]> {
    return this.metadataOf(await this.redis.zrevrange(this.ownerKey(ownerId), 0, OWN_LIST_LIMIT - 1));
  }

  /** One round trip for the months' members and one for their metadata, however many there are. */
  async listByUnitInMonths(unitId: string, fromMonth: string, toMonth: string): Promise<CollaborationRequest[]> {
    const months = monthRange(fromMonth, toMonth, MAX_MONTHS) ?? [];
    if (months.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const month of months) pipeline.zrange(this.keyOf(monthIndex(unitId, month)), '0', '-1');
    const members = (await repliesOf<string[]>(pipeline)).flat();
    return this.metadataOf([...new Set(members)]);
  }

  async listOpenByUnit(unitId: string): Promise<CollaborationRequest[]> {
    return this.metadataOf(await this.redis.zrevrange(this.keyOf(openIndex(unitId)), 0, -1));
  }

  /**
   * Files under their unit indexes the requests that are not: those stored before the indexes
   * existed, and those an older instance wrote during a rolling deploy (its scripts leave
   * `indexedVersion` behind). Idempotent, and safe beside live writes: a record written since it
   * was read is skipped, its writer having filed it (or, an older one, the next start). Reads each record's metadata only when it
   * needs filing. Resolves to how many were filed.
   */
  async reindex(): Promise<number> {
    let cursor = '0';
    let filed = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${globEscaped(this.key(''))}*`, 'COUNT', REINDEX_BATCH);
      cursor = next;
      filed += await this.reindexBatch(keys);
    } while (cursor !== '0');
    return filed;
  }

  private async reindexBatch(keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const check = this.redis.pipeline();
    for (const key of keys) check.hmget(key, 'version', 'indexedVersion');
    const stale = (await repliesOf<(string | null)[]>(check)).flatMap(([version, indexedVersion], i) => (version !== indexedVersion ? [keys[i]!] : []));
    if (stale.length === 0) return 0;
    const read = this.redis.pipeline();
    for (const key of stale) read.hmget(key, 'version', 'indexes', 'meta');
    const rows = await repliesOf<(string | null)[]>(read);
    const write = this.redis.pipeline();
    rows.forEach(([version, filed, meta], i) => {
      // Gone, or half a record: nothing to file.
      if (!version || !meta) return;
      const key = stale[i]!;
      const request = readRecord(requestSchema, 'request', key.slice(this.key('').length), meta);
      const { leaving, now } = refiling(filed, request);
      const keys = [key, ...this.keysOf(leaving), ...this.keysOf(now)];
      write.eval(REINDEX, keys.length, ...keys, version, filed ?? '', now.join(' '), leaving.length, Date.parse(request.updatedAt), request.id);
    });
    if (write.length === 0) return 0;
    return (await repliesOf<string>(write)).filter((outcome) => outcome === 'written').length;
  }

  /** A record gone between its index and its read is skipped: it was removed in between. */
  private async metadataOf(ids: string[]): Promise<CollaborationRequest[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(this.key(id), 'meta');
    const replies = await repliesOf<string | null>(pipeline);
    return replies.flatMap((meta, i) => (meta === null ? [] : [readRecord(requestSchema, 'request', ids[i]!, meta)]));
  }

  private keysOf(names: readonly string[]): string[] {
    return names.map((name) => this.keyOf(name));
  }

  private keyOf(indexName: string): string {
    return `${this.prefix}${indexName}`;
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

/** A pipeline's replies in order; a failed command fails the read, as a lost reply would make a count wrong. */
async function repliesOf<T>(pipeline: ChainableCommander): Promise<T[]> {
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, reply]) => {
    if (error) throw error;
    return reply as T;
  });
}

/** A key prefix as a SCAN pattern matches it literally, whatever the configured prefix holds. */
const globEscaped = (text: string) => text.replace(/[\\*?[\]]/g, '\\$&');

// Index names are keys without the prefix; unit ids are [a-z0-9-], so a space separates names.
const monthIndex = (unitId: string, month: string) => `unit:${unitId}:month:${month}:requests`;
const openIndex = (unitId: string) => `unit:${unitId}:open-requests`;

const namesIn = (filed: string | null | undefined): string[] => (filed ? filed.split(' ') : []);

/** The unit indexes a request belongs in as it stands. A draft involves no unit, so it is in none. */
function unitIndexes(request: CollaborationRequest): string[] {
  const months = monthsCounted(request);
  const open = !isFinished(request);
  return unitsInvolved(request).flatMap((unitId) => [...months.map((month) => monthIndex(unitId, month)), ...(open ? [openIndex(unitId)] : [])]);
}

/** The indexes a write takes the request out of, and all it is in after the write. */
function refiling(filed: string | null | undefined, request: CollaborationRequest): { leaving: string[]; now: string[] } {
  const now = unitIndexes(request);
  return { leaving: namesIn(filed).filter((name) => !now.includes(name)), now };
}

function unitsInvolved(request: CollaborationRequest): string[] {
  if (request.status === 'draft') return [];
  return [...new Set([request.sendingUnitId, ...request.collaborationUnitIds].filter((u): u is string => Boolean(u)))];
}
