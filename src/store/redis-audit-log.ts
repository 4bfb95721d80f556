import type { Redis } from 'ioredis';
import type { AuditEntry, AuditLog } from '../app/ports.js';

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

  async entries(): Promise<AuditEntry[]> {
    const rows = await this.redis.xrange(this.streamKey(), '-', '+');
    return rows.map(([, fields]) => {
      const entry: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) entry[fields[i]!] = fields[i + 1]!;
      return entry as unknown as AuditEntry;
    });
  }

  private streamKey(): string {
    return `${this.prefix}audit`;
  }
}
