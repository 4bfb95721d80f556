import type { AuditEntry, AuditLog } from '../../src/app/ports.js';

/** The audit log in memory, oldest entry first; entries are copied, as a stream would. */
export class InMemoryAuditLog implements AuditLog {
  private readonly rows: string[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.rows.push(JSON.stringify(entry));
  }

  async entries(): Promise<AuditEntry[]> {
    return this.rows.map((row) => JSON.parse(row) as AuditEntry);
  }
}
