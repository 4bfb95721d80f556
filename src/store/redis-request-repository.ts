import type { ChainableCommander, Redis } from 'ioredis';
import type { QueuedEffect } from '../app/effect.js';
import type { AuditEntry, RequestRepository, StoredRequest, WriteOutcome } from '../app/ports.js';
import type { AuditChain } from './audit-chain.js';
import { RedisEffectOutbox } from './redis-effect-outbox.js';
import { CREATE, REINDEX, REMOVE, UPDATE } from './request-scripts.js';
import type { DescriptionDraft } from '../domain/collaboration/description.js';
import type { CollaborationRequest } from '../domain/collaboration/request.js';
import { monthRange } from '../domain/metrics/unit-metrics.js';
import { monthIndex, namesIn, openIndex, refiling, unitIndexes } from './request-indexes.js';
import type { DescriptionCipher } from './description-cipher.js';
import { descriptionSchema, requestSchema } from './schemas/request-record.js';
import { openRecord, readRecord } from './schemas/stored-record.js';

/**
 * A person's own list is for picking one of their cases; the card shows the newest fifteen, so
 * older ones beyond this are left out rather than read, and its "15 of N" says at most 200.
 * Nothing is counted from this list: reports and waiting lists read the unit indexes.
 */
const OWN_LIST_LIMIT = 200;

/** Twenty years of months at the most, as the feedback store reads: a wild range is never spelled out. */
const MAX_MONTHS = 240;

/** The glob also matches the month indexes (`unit:<id>:month:<m>:requests`); this does not. */
const RETIRED_INDEX = /^unit:[a-z0-9-]+:requests$/;

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
    await this.dropRetiredIndexes();
    return filed;
  }

  /** Releases before the month indexes kept one capped set per unit, `unit:<id>:requests`: nothing reads it now. */
  private async dropRetiredIndexes(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${globEscaped(this.prefix)}unit:*:requests`, 'COUNT', REINDEX_BATCH);
      cursor = next;
      const gone = keys.filter((key) => RETIRED_INDEX.test(key.slice(this.prefix.length)));
      if (gone.length > 0) await this.redis.unlink(...gone);
    } while (cursor !== '0');
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
