import type { AuditEntry, AuditLog, AuditTrail } from '../../src/app/ports.js';

/** The audit log in memory, oldest entry first; entries are copied, as a stream would. */
export class InMemoryAuditLog implements AuditLog, AuditTrail {
  private readonly rows: string[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.rows.push(JSON.stringify(entry));
  }

  async entriesFor(requestId: string): Promise<AuditEntry[]> {
    return (await this.entries()).filter((entry) => entry.requestId === requestId);
  }

  async entries(): Promise<AuditEntry[]> {
    return this.recorded;
  }

  /** The same entries, read at once: for tests that look at what a step wrote. */
  get recorded(): AuditEntry[] {
    return this.rows.map((row) => JSON.parse(row) as AuditEntry);
  }
}
