import type { Redis } from 'ioredis';
import type { AuditEntry, AuditLog } from '../app/ports.js';
import { auditEntrySchema } from './schemas/audit-record.js';
import { checkRecord } from './schemas/stored-record.js';

/** An entry as the stream's field-value pairs; the repository appends decisions in the same form. */
export function auditFields(entry: AuditEntry): string[] {
  return Object.entries(entry).flatMap(([name, value]) => (value === undefined ? [] : [name, String(value)]));
}

/**
 * A Redis stream: append-only by its nature (entries are added, never rewritten), ordered,
 * and readable by an exporter that ships it to the county's log archive.
 */
export class RedisAuditLog implements AuditLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.redis.xadd(this.streamKey(), '*', ...auditFields(entry));
  }

  /** The whole stream, oldest first, as the exporter reads it. */
  async entries(): Promise<AuditEntry[]> {
    const rows = await this.redis.xrange(this.streamKey(), '-', '+');
    return rows.map(([id, fields]) => {
      const entry: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) entry[fields[i]!] = fields[i + 1]!;
      return checkRecord(auditEntrySchema, 'audit entry', id, entry);
    });
  }

  private streamKey(): string {
    return `${this.prefix}audit`;
  }
}
