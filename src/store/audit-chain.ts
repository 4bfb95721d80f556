import { createHash } from 'node:crypto';
import type { AuditEntry } from '../app/ports.js';
import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';

/** The `prev` of the first entry ever appended: nothing came before it. */
export const GENESIS = 'genesis';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The one Lua function that appends an audit entry, shared by every script that writes one, so
 * the log's own appends and the repository's decisions chain identically. The entry goes to the
 * county's stream with `prev` (the head's hash) and `hash` (SHA-1 over prev and every field-value
 * pair, each length-prefixed, so no two entries read alike); the head moves to it; the request's
 * index lists its stream id and expires a retention after the last entry. Entries older than the
 * retention are trimmed here, on append, which costs one XRANGE when nothing is due; the last
 * trimmed entry's hash becomes the anchor that the first remaining one must name as its prev.
 * Redis's TIME is the clock because stream ids are Redis's milliseconds too.
 */
export const APPEND_AUDIT_LUA = `
local function append_audit(stream, head, anchor, index, retention_ms, fields)
  local prev = redis.call('GET', head) or '${GENESIS}'
  local parts = { prev }
  for i = 1, #fields do parts[#parts + 1] = #fields[i] .. ':' .. fields[i] end
  local hash = redis.sha1hex(table.concat(parts, '\\n'))
  local row = {}
  for i = 1, #fields do row[i] = fields[i] end
  row[#row + 1] = 'prev'
  row[#row + 1] = prev
  row[#row + 1] = 'hash'
  row[#row + 1] = hash
  local id = redis.call('XADD', stream, '*', unpack(row))
  redis.call('SET', head, hash)
  redis.call('RPUSH', index, id)
  redis.call('PEXPIRE', index, retention_ms)
  local now = redis.call('TIME')
  local bound = string.format('%d', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - retention_ms)
  local oldest = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
  if tonumber(string.match(oldest[1], '^%d+')) < tonumber(bound) then
    local last = redis.call('XREVRANGE', stream, '(' .. bound .. '-0', '-', 'COUNT', 1)[1]
    for i = 1, #last[2], 2 do
      if last[2][i] == 'hash' then redis.call('SET', anchor, last[2][i + 1]) end
    end
    redis.call('XTRIM', stream, 'MINID', bound)
  end
  return id
end
`;

/** An entry as the stream's field-value pairs, absent fields left out. */
export function auditFields(entry: AuditEntry): string[] {
  return Object.entries(entry).flatMap(([name, value]) => (value === undefined ? [] : [name, String(value)]));
}

/** What the verifier recomputes: the same bytes the Lua function hashes. */
export function chainHash(prev: string, fields: readonly string[]): string {
  const parts = [prev, ...fields.map((field) => `${Buffer.byteLength(field)}:${field}`)];
  return createHash('sha1').update(parts.join('\n'), 'utf8').digest('hex');
}

/** Where the chain lives under a prefix, and how long it is kept. */
export class AuditChain {
  readonly stream: string;
  readonly head: string;
  readonly anchor: string;

  private readonly keySpace: KeySpace;

  constructor(
    prefix: string,
    readonly retentionMs: number,
  ) {
    this.keySpace = new KeySpace(prefix);
    this.stream = this.keySpace.auditStream();
    this.head = this.keySpace.auditHead();
    this.anchor = this.keySpace.auditAnchor();
  }

  static keptForDays(prefix: string, days: number): AuditChain {
    return new AuditChain(prefix, days * DAY_MS);
  }

  /** The entries of one request, by stream id: read without scanning the county's stream. */
  indexOf(requestId: string): string {
    return this.keySpace.auditIndex(requestId);
  }

  /** KEYS of append_audit for an entry about this request, in its order. */
  keys(requestId: string): string[] {
    return [this.stream, this.head, this.anchor, this.indexOf(requestId)];
  }

  /** ARGV of append_audit: the retention, then the entry's pairs. */
  args(entry: AuditEntry): string[] {
    return [String(this.retentionMs), ...auditFields(entry)];
  }
}

/** A stream entry split into what was appended and the chain's two fields. */
export interface ChainedRow {
  readonly id: string;
  readonly fields: readonly string[];
  readonly prev?: string | undefined;
  readonly hash?: string | undefined;
}

export function chainedRow(id: string, raw: readonly string[]): ChainedRow {
  const fields: string[] = [];
  let prev: string | undefined;
  let hash: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    if (name === 'prev') prev = value;
    else if (name === 'hash') hash = value;
    else fields.push(name, value);
  }
  return { id, fields, prev, hash };
}

export type ChainProblem = 'hash_mismatch' | 'prev_mismatch' | 'not_chained' | 'head_mismatch' | 'archived_head_missing';

export type ChainVerdict =
  | { readonly ok: true; readonly count: number; readonly unchained: number; readonly head: string | undefined; readonly anchor: string | undefined }
  | { readonly ok: false; readonly count: number; readonly brokenAt: string; readonly problem: ChainProblem; readonly head: string | undefined };

const PAGE = 1000;

/**
 * Walks the county's stream oldest first and recomputes every link. The head, the anchor, the
 * newest id and the first page are read in one MULTI, so appends and trims running meanwhile
 * neither break the walk nor move its end. Entries from before the chain began (no `hash`) are
 * accepted only ahead of the first chained one, and counted. An `archivedHead` (a head printed
 * earlier and kept outside Redis) must still be in the chain, or be the anchor it was trimmed to:
 * that is what shows a chain rewritten from some entry on, hashes and head recomputed.
 */
export async function verifyAuditChain(redis: RedisClient, chain: AuditChain, archivedHead?: string): Promise<ChainVerdict> {
  const replies = (await redis
    .multi()
    .get(chain.head)
    .get(chain.anchor)
    .xrevrange(chain.stream, '+', '-', 'COUNT', 1)
    .xrange(chain.stream, '-', '+', 'COUNT', PAGE)
    .exec()) as [Error | null, unknown][] | null;
  if (!replies) throw new Error('the audit stream could not be read');
  const [head, anchor, newest, firstPage] = replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  }) as [string | null, string | null, [string, string[]][], [string, string[]][]];
  const end = newest[0]?.[0];
  const found = { head: head ?? undefined, anchor: anchor ?? undefined };
  let expected = found.anchor ?? GENESIS;
  let last: string | undefined;
  let count = 0;
  let unchained = 0;
  let archivedSeen = archivedHead === undefined || archivedHead === found.anchor;
  for (let page = firstPage; page.length > 0; ) {
    for (const [id, raw] of page) {
      const row = chainedRow(id, raw);
      count++;
      const broken = (problem: ChainProblem): ChainVerdict => ({ ok: false, count, brokenAt: id, problem, head: found.head });
      if (row.hash === undefined || row.prev === undefined) {
        if (last !== undefined) return broken('not_chained');
        unchained++;
        continue;
      }
      if (row.prev !== expected) return broken('prev_mismatch');
      if (chainHash(row.prev, row.fields) !== row.hash) return broken('hash_mismatch');
      expected = row.hash;
      last = row.hash;
      archivedSeen ||= row.hash === archivedHead;
    }
    if (page.length < PAGE || end === undefined) break;
    page = (await redis.xrange(chain.stream, `(${page.at(-1)![0]}`, end, 'COUNT', PAGE)) as [string, string[]][];
  }
  // Entries removed from the end leave the chain whole but short of the head.
  if (last !== found.head) return { ok: false, count, brokenAt: end ?? '-', problem: 'head_mismatch', head: found.head };
  if (!archivedSeen) return { ok: false, count, brokenAt: end ?? '-', problem: 'archived_head_missing', head: found.head };
  return { ok: true, count, unchained, ...found };
}
