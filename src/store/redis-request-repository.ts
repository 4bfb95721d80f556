import type { QueuedEffect } from '../app/effect.js';
import type { AuditEntry, ParticipantCases, RequestRepository, StoredRequest, WriteOutcome } from '../app/ports.js';
import type { AuditChain } from './audit-chain.js';
import { RedisEffectOutbox } from './redis-effect-outbox.js';
import { CREATE, REMOVE, UPDATE } from './request-scripts.js';
import { RequestReindexer } from './request-reindexer.js';
import { repliesOf } from './redis-replies.js';
import type { DescriptionDraft } from '../domain/collaboration/description.js';
import type { CollaborationRequest } from '../domain/collaboration/request.js';
import { figureDelta, metricContributions, type MonthCounters } from '../domain/metrics/month-figures.js';
import { decodeFigures, encodeFigures, figureArgs, readMonthFigures } from './month-figures.js';
import { finishedIndex, namesIn, openIndex, personFinishedIndex, personOpenIndex, refiling, unitIndexes } from './request-indexes.js';
import type { DescriptionCipher } from './description-cipher.js';
import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import { descriptionSchema, requestSchema } from './schemas/request-record.js';
import { openRecord, readRecord } from './schemas/stored-record.js';

/**
 * A person's own list is for picking one of their cases; the card shows the newest fifteen, so
 * older ones beyond this are left out rather than read, and its "15 of N" says at most 200.
 * Nothing is counted from this list: reports and waiting lists read the unit indexes.
 */
const OWN_LIST_LIMIT = 200;

/** Records whose last read is kept for the write that follows it: more than the decisions in flight at once. */
const LAST_READS = 1000;

/**
 * One hash per request: the version, the metadata in clear (no client text in it) and the
 * description sealed with AES-GCM. Writes are Lua scripts so the version check and the
 * write cannot be split by another writer.
 *
 * Each sent request is also filed, in the same scripts, under unit indexes (sorted sets by last
 * change): per unit while it is open, so the waiting lists read no closed case, and while ended
 * until purged. The hash names the indexes it is filed under (`indexes`), so a change that moves
 * it (a unit replaced, the case closed) takes it out of those it left.
 *
 * The same scripts count it in its units' month figures (`metricContributions`, a hash per unit
 * and month), so a report reads those and no request. The hash keeps what was counted for it
 * (`figures`), and each write adds only the difference to what it counts for now: a later meeting,
 * a replaced unit or a withdrawal moves its figures, and a purge, which changes none, moves none.
 *
 * Every key these scripts touch is in the workflow core's hash tag (see key-space.ts), so on a
 * Redis Cluster each script runs on the one node that holds them all.
 */
export class RedisRequestRepository implements RequestRepository {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly cipher: DescriptionCipher,
    /** The audit log's chain: a decision's entry is appended by the same Lua function as RedisAuditLog's. */
    private readonly auditChain: AuditChain,
    /** Told after a write that left effects in the outbox, so the relay moves them at once. */
    private readonly effectsWritten: () => void = () => {},
  ) {
    this.keys = new KeySpace(prefix);
    this.outbox = new RedisEffectOutbox(redis, prefix);
    this.reindexer = new RequestReindexer(redis, prefix);
  }

  private readonly keys: KeySpace;

  private readonly reindexer: RequestReindexer;

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
    const counted = metricContributions(request);
    const figures = this.figureArgs(counted);
    const outcome = await this.redis.eval(
      CREATE,
      9 + figures.keys.length + indexes.length,
      this.keys.request(request.id),
      this.keys.owner(request.ownerId),
      this.keys.references(),
      ...this.recordKeys(request, audit),
      ...figures.keys,
      ...this.keysOf(indexes),
      String(request.version),
      JSON.stringify(request),
      this.seal(request.id, stored.description),
      Date.parse(request.updatedAt),
      request.id,
      request.reference ?? '',
      indexes.join(' '),
      encodeFigures(counted),
      figures.keys.length,
      figures.changes,
      ...this.recordArgs(audit, effects),
    );
    if (outcome === 'written' && effects.length > 0) this.effectsWritten();
    return outcome as 'written' | 'conflict';
  }

  async get(id: string): Promise<StoredRequest | undefined> {
    const [meta, description, version, filed, figured] = await this.redis.hmget(this.keys.request(id), 'meta', 'description', 'version', 'indexes', 'figures');
    if (!meta || !description) return undefined;
    this.lastRead.delete(id);
    this.lastRead.set(id, { version: version ?? null, filed: filed ?? null, figured: figured ?? null });
    if (this.lastRead.size > LAST_READS) this.lastRead.delete(this.lastRead.keys().next().value!);
    return {
      request: readRecord(requestSchema, 'request', id, meta),
      description: openRecord(this.cipher, descriptionSchema, 'description', id, description),
    };
  }

  async update(stored: StoredRequest, expectedVersion: number, audit?: AuditEntry, effects: readonly QueuedEffect[] = []): Promise<WriteOutcome> {
    const { request } = stored;
    // The indexes the record is filed under and what it is counted for, as the decision's own read
    // found them (or read now); the script refuses the write if either, or the version, moved since.
    const [version, filed, figured] = await this.filing(request.id, expectedVersion);
    if (version === null) return 'not_found';
    if (version !== String(expectedVersion)) return 'conflict';
    const { leaving, now } = refiling(filed, request);
    const counted = metricContributions(request);
    const figures = this.figureArgs(figureDelta(counted, decodeFigures(figured)));
    const outcome = await this.redis.eval(
      UPDATE,
      9 + figures.keys.length + leaving.length + now.length,
      this.keys.request(request.id),
      this.keys.owner(request.ownerId),
      this.keys.references(),
      ...this.recordKeys(request, audit),
      ...figures.keys,
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
      figured ?? '',
      encodeFigures(counted),
      figures.keys.length,
      figures.changes,
      ...this.recordArgs(audit, effects),
    );
    if (outcome === 'written' && effects.length > 0) this.effectsWritten();
    return outcome as WriteOutcome;
  }

  async remove(id: string, expectedVersion: number): Promise<WriteOutcome> {
    const [meta, filed, figured] = await this.redis.hmget(this.keys.request(id), 'meta', 'indexes', 'figures');
    if (!meta) return 'not_found';
    const request = readRecord(requestSchema, 'request', id, meta);
    const figures = this.figureArgs(figureDelta([], decodeFigures(figured)));
    const keys = [this.keys.request(id), this.keys.owner(request.ownerId), this.keys.references(), ...figures.keys, ...this.keysOf(namesIn(filed))];
    const args = [String(expectedVersion), id, request.reference ?? '', filed ?? '', figured ?? '', figures.keys.length, figures.changes];
    return (await this.redis.eval(REMOVE, keys.length, ...keys, ...args)) as WriteOutcome;
  }

  async findByReference(reference: string): Promise<CollaborationRequest | undefined> {
    const id = await this.redis.hget(this.keys.references(), reference);
    if (!id) return undefined;
    const [request] = await this.metadataOf([id]);
    return request?.reference === reference ? request : undefined;
  }

  async listByOwner(ownerId: string): Promise<CollaborationRequest[]> {
    return this.metadataOf(await this.redis.zrevrange(this.keys.owner(ownerId), 0, OWN_LIST_LIMIT - 1));
  }

  /** One round trip for every unit and month asked, however many requests they count. */
  monthFigures(unitIds: readonly string[], months: readonly string[]): Promise<MonthCounters[][]> {
    return readMonthFigures(this.redis, (unitId, month) => this.keys.monthFigures(unitId, month), unitIds, months);
  }

  /** Two round trips however long the person's history is: every open case, and the newest finished few. */
  async listByParticipant(personId: string, finishedLimit: number): Promise<ParticipantCases> {
    const pipeline = this.redis.pipeline();
    pipeline.zrevrange(this.keys.index(personOpenIndex(personId)), 0, -1);
    pipeline.zrevrange(this.keys.index(personFinishedIndex(personId)), 0, Math.max(0, finishedLimit) - 1);
    const [openIds, finishedIds] = await repliesOf<string[]>(pipeline);
    const [open, finished] = await Promise.all([this.metadataOf(openIds ?? []), this.metadataOf(finishedLimit > 0 ? (finishedIds ?? []) : [])]);
    return { open, finished };
  }

  async listFinishedByUnit(unitId: string, limit: number): Promise<CollaborationRequest[]> {
    if (limit <= 0) return [];
    return this.metadataOf(await this.redis.zrevrange(this.keys.index(finishedIndex(unitId)), 0, limit - 1));
  }

  async listOpenByUnit(unitId: string): Promise<CollaborationRequest[]> {
    return this.metadataOf(await this.redis.zrevrange(this.keys.index(openIndex(unitId)), 0, -1));
  }

  /** See {@link RequestReindexer.reindex}: `npm start` runs it on start, and the worker every `REINDEX_MS`. */
  reindex(): Promise<number> {
    return this.reindexer.reindex();
  }

  /**
   * What `get` last read of a record besides its content, by id: the decision that follows the read
   * writes with it and needs no read of its own. Only a hint — the write script checks it all.
   */
  private readonly lastRead = new Map<string, { readonly version: string | null; readonly filed: string | null; readonly figured: string | null }>();

  private async filing(id: string, expectedVersion: number): Promise<(string | null)[]> {
    const read = this.lastRead.get(id);
    this.lastRead.delete(id);
    if (read && read.version === String(expectedVersion)) return [read.version, read.filed, read.figured];
    return this.redis.hmget(this.keys.request(id), 'version', 'indexes', 'figures');
  }

  /** A record gone between its index and its read is skipped: it was removed in between. */
  private async metadataOf(ids: string[]): Promise<CollaborationRequest[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(this.keys.request(id), 'meta');
    const replies = await repliesOf<string | null>(pipeline);
    return replies.flatMap((meta, i) => (meta === null ? [] : [readRecord(requestSchema, 'request', ids[i]!, meta)]));
  }

  private figureArgs(changes: Parameters<typeof figureArgs>[0]) {
    return figureArgs(changes, (unitId, month) => this.keys.monthFigures(unitId, month));
  }

  private keysOf(names: readonly string[]): string[] {
    return names.map((name) => this.keys.index(name));
  }

  private seal(id: string, description: DescriptionDraft): string {
    return this.cipher.seal(id, JSON.stringify(description));
  }
}
