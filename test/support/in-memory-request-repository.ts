import type { QueuedEffect } from '../../src/app/effect.js';
import type { AuditEntry, ParticipantCases, RequestRepository, StoredRequest, WriteOutcome } from '../../src/app/ports.js';
import { isFinished, type CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { metricContributions, type MonthCounters } from '../../src/domain/metrics/month-figures.js';
import { participantsOf } from '../../src/store/request-indexes.js';
import { InMemoryAuditLog } from './in-memory-audit-log.js';
import { countersOf } from './month-figures.js';

/**
 * The same contract as the Redis repository, for fast use-case tests. The version check and the
 * write happen with no await between them, so they are one step, as the Redis script's are.
 */
export class InMemoryRequestRepository implements RequestRepository {
  private readonly rows = new Map<string, string>();

  /** Effects written with decisions, in order; the relay of this fake is whoever reads them. */
  readonly outbox: QueuedEffect[] = [];
  /** Called with each effect as it is written, as the Redis relay is woken. */
  relay: (entry: QueuedEffect) => void = () => {};

  /** Decisions' audit entries go to this log, written with them as the Redis repository does. */
  constructor(readonly auditLog = new InMemoryAuditLog()) {}

  async create(stored: StoredRequest, audit?: AuditEntry, effects: readonly QueuedEffect[] = []): Promise<'written' | 'conflict'> {
    if (this.rows.has(stored.request.id)) return 'conflict';
    this.rows.set(stored.request.id, JSON.stringify(stored));
    await this.afterWrite(audit, effects);
    return 'written';
  }

  private async afterWrite(audit: AuditEntry | undefined, effects: readonly QueuedEffect[]): Promise<void> {
    if (audit) await this.auditLog.record(audit);
    for (const entry of effects) {
      this.outbox.push(entry);
      this.relay(entry);
    }
  }

  async get(id: string): Promise<StoredRequest | undefined> {
    return this.read(id);
  }

  async update(stored: StoredRequest, expectedVersion: number, audit?: AuditEntry, effects: readonly QueuedEffect[] = []): Promise<WriteOutcome> {
    const current = this.read(stored.request.id);
    if (!current) return 'not_found';
    if (current.request.version !== expectedVersion) return 'conflict';
    this.rows.set(stored.request.id, JSON.stringify(stored));
    await this.afterWrite(audit, effects);
    return 'written';
  }

  async remove(id: string, expectedVersion: number): Promise<WriteOutcome> {
    const current = this.read(id);
    if (!current) return 'not_found';
    if (current.request.version !== expectedVersion) return 'conflict';
    this.rows.delete(id);
    return 'written';
  }

  async listByOwner(ownerId: string): Promise<CollaborationRequest[]> {
    return this.newestFirst((r) => r.ownerId === ownerId);
  }

  /** Counted afresh from every request: the counters the Redis scripts keep add up to the same. */
  async monthFigures(unitIds: readonly string[], months: readonly string[]): Promise<MonthCounters[][]> {
    return countersOf(this.newestFirst(() => true).flatMap(metricContributions), unitIds, months);
  }

  async listByParticipant(personId: string, finishedLimit: number): Promise<ParticipantCases> {
    const theirs = this.newestFirst((r) => participantsOf(r).includes(personId));
    return {
      open: theirs.filter((r) => !isFinished(r)),
      finished: theirs.filter((r) => isFinished(r) && !r.purgedAt).slice(0, Math.max(0, finishedLimit)),
    };
  }

  async listFinishedByUnit(unitId: string, limit: number): Promise<CollaborationRequest[]> {
    return this.newestFirst((r) => involves(r, unitId) && isFinished(r) && !r.purgedAt).slice(0, Math.max(0, limit));
  }

  async listOpenByUnit(unitId: string): Promise<CollaborationRequest[]> {
    return this.newestFirst((r) => involves(r, unitId) && !isFinished(r));
  }

  async findByReference(reference: string): Promise<CollaborationRequest | undefined> {
    return this.newestFirst((r) => r.reference === reference)[0];
  }

  private read(id: string): StoredRequest | undefined {
    const row = this.rows.get(id);
    return row ? (JSON.parse(row) as StoredRequest) : undefined;
  }

  private newestFirst(keep: (r: CollaborationRequest) => boolean): CollaborationRequest[] {
    return [...this.rows.values()]
      .map((row) => (JSON.parse(row) as StoredRequest).request)
      .filter(keep)
      .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  }
}

/** A sent request involves the unit that sends it and those it goes to; a draft involves none. */
const involves = (request: CollaborationRequest, unitId: string) =>
  request.status !== 'draft' && (request.sendingUnitId === unitId || request.collaborationUnitIds.includes(unitId));
