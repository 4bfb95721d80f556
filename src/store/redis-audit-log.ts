import type { AuditEntry, AuditLog, AuditTrail } from '../app/ports.js';
import { APPEND_AUDIT_LUA, chainedRow, type AuditChain } from './audit-chain.js';
import type { RedisClient } from './redis-connection.js';
import { auditEntrySchema } from './schemas/audit-record.js';
import { checkRecord } from './schemas/stored-record.js';

const RECORD = `${APPEND_AUDIT_LUA}
return append_audit(KEYS[1], KEYS[2], KEYS[3], KEYS[4], tonumber(ARGV[1]), { unpack(ARGV, 2) })`;

/** A stream row as an entry: the chain's own fields are the verifier's, not the reader's. */
export function auditEntryOf(id: string, raw: readonly string[]): AuditEntry {
  const { fields } = chainedRow(id, raw);
  const entry: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) entry[fields[i]!] = fields[i + 1]!;
  return checkRecord(auditEntrySchema, 'audit entry', id, entry);
}

/**
 * A Redis stream: append-only by its nature (entries are added, never rewritten), ordered,
 * hash-chained so that a removed or altered entry shows, and readable by an exporter that ships
 * it to the county's log archive. Each request's entries are also listed under the request.
 */
export class RedisAuditLog implements AuditLog, AuditTrail {
  constructor(
    private readonly redis: RedisClient,
    private readonly chain: AuditChain,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.redis.eval(RECORD, 4, ...this.chain.keys(entry.requestId), ...this.chain.args(entry));
  }

  /** The request's index names its entries; ids trimmed from the stream since read as nothing. */
  async entriesFor(requestId: string): Promise<AuditEntry[]> {
    const ids = await this.redis.lrange(this.chain.indexOf(requestId), 0, -1);
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.xrange(this.chain.stream, id, id);
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, rows]) => {
      if (error) throw error;
      return (rows as [string, string[]][]).map(([id, raw]) => auditEntryOf(id, raw));
    });
  }

  /** The whole stream, oldest first, as the exporter reads it. */
  async entries(): Promise<AuditEntry[]> {
    const rows = await this.redis.xrange(this.chain.stream, '-', '+');
    return rows.map(([id, raw]) => auditEntryOf(id, raw));
  }
}
