import type { AuditEntry, RequestRepository, StoredRequest, WriteOutcome } from '../../src/app/ports.js';
import { isFinished, type CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { monthRange, monthsCounted } from '../../src/domain/metrics/unit-metrics.js';
import { InMemoryAuditLog } from './in-memory-audit-log.js';

/**
 * The same contract as the Redis repository, for fast use-case tests. The version check and the
 * write happen with no await between them, so they are one step, as the Redis script's are.
 */
export class InMemoryRequestRepository implements RequestRepository {
  private readonly rows = new Map<string, string>();

  /** Decisions' audit entries go to this log, written with them as the Redis repository does. */
  constructor(readonly auditLog = new InMemoryAuditLog()) {}

  async create(stored: StoredRequest): Promise<'written' | 'conflict'> {
    if (this.rows.has(stored.request.id)) return 'conflict';
    this.rows.set(stored.request.id, JSON.stringify(stored));
    return 'written';
  }

  async get(id: string): Promise<StoredRequest | undefined> {
    return this.read(id);
  }

  async update(stored: StoredRequest, expectedVersion: number, audit?: AuditEntry): Promise<WriteOutcome> {
    const current = this.read(stored.request.id);
    if (!current) return 'not_found';
    if (current.request.version !== expectedVersion) return 'conflict';
    this.rows.set(stored.request.id, JSON.stringify(stored));
    if (audit) await this.auditLog.record(audit);
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

  async listByUnitInMonths(unitId: string, fromMonth: string, toMonth: string): Promise<CollaborationRequest[]> {
    const months = monthRange(fromMonth, toMonth, 240) ?? [];
    return this.newestFirst((r) => involves(r, unitId) && monthsCounted(r).some((month) => months.includes(month)));
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
