import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/app/ports.js';
import { AuditChain, chainedRow, chainHash, GENESIS, verifyAuditChain } from '../../src/store/audit-chain.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { auditChain } from '../support/audit-chain.js';
import { sharedRedis } from '../support/shared-redis.js';
import { storedRequest } from './contracts/request-repository.contract.js';

const { redis, prefix } = sharedRedis();
const KEY = { id: 'k1', key: Buffer.alloc(32, 7) };

const read = (actorId: string, requestId = 'r1'): AuditEntry => ({ at: '2026-11-24T10:00:00.000Z', actorId, action: 'request.read', requestId });

/** Both writers of a fresh prefix, the log's own appends and the repository's decisions, on one chain. */
function writers(retentionMs?: number) {
  const p = prefix();
  const chain = retentionMs === undefined ? auditChain(p) : new AuditChain(p, retentionMs);
  return { chain, log: new RedisAuditLog(redis, chain), repo: new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), chain) };
}

/** Five entries: reads by the log, decisions by the repository, some of them at once. */
async function mixedAppends({ chain, log, repo }: ReturnType<typeof writers>): Promise<string[]> {
  await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
  await log.record(read('first'));
  await repo.update(storedRequest('r1', 2, '2026-11-24T10:01:00.000Z'), 1, { ...read('lead'), action: 'request.approved', status: 'approved' });
  await Promise.all([log.record(read('second')), repo.update(storedRequest('r1', 3, '2026-11-24T10:02:00.000Z'), 2, { ...read('lead'), action: 'request.routed' }), log.record(read('third', 'r2'))]);
  return (await redis.xrange(chain.stream, '-', '+')).map(([id]) => id);
}

describe('the hash-chained audit log', () => {
  it('stays whole across mixed appends from the log and the repository, and names its head', async () => {
    const written = writers();
    const { chain } = written;
    const ids = await mixedAppends(written);
    const verdict = await verifyAuditChain(redis, chain);
    expect(verdict).toEqual({ ok: true, count: 5, unchained: 0, head: await redis.get(chain.head), anchor: undefined });
    const [, newest] = (await redis.xrange(chain.stream, ids.at(-1)!, ids.at(-1)!))[0]!;
    expect(verdict.head).toBe(newest.at(-1));
  });

  it('is whole when empty', async () => {
    expect(await verifyAuditChain(redis, writers().chain)).toEqual({ ok: true, count: 0, unchained: 0, head: undefined, anchor: undefined });
  });

  it('shows an entry deleted from the middle at the entry after it', async () => {
    const written = writers();
    const { chain } = written;
    const ids = await mixedAppends(written);
    await redis.xdel(chain.stream, ids[2]!);
    expect(await verifyAuditChain(redis, chain)).toMatchObject({ ok: false, brokenAt: ids[3], problem: 'prev_mismatch', count: 3 });
  });

  it('shows the newest entry deleted, since the head names it', async () => {
    const written = writers();
    const { chain } = written;
    const ids = await mixedAppends(written);
    await redis.xdel(chain.stream, ids.at(-1)!);
    expect(await verifyAuditChain(redis, chain)).toMatchObject({ ok: false, problem: 'head_mismatch' });
  });

  it('shows the whole stream deleted, since the head outlives it', async () => {
    const written = writers();
    const { chain } = written;
    await mixedAppends(written);
    await redis.del(chain.stream);
    expect(await verifyAuditChain(redis, chain)).toMatchObject({ ok: false, problem: 'head_mismatch' });
  });

  it('shows an entry altered and added again, its prev and hash copied, at the end', async () => {
    const written = writers();
    const { chain } = written;
    const ids = await mixedAppends(written);
    const [[, fields]] = (await redis.xrange(chain.stream, ids[1]!, ids[1]!)) as [[string, string[]]];
    await redis.xdel(chain.stream, ids[1]!);
    await redis.xadd(chain.stream, '*', ...fields.map((value, i) => (fields[i - 1] === 'actorId' ? 'someone-else' : value)));
    expect(await verifyAuditChain(redis, chain)).toMatchObject({ ok: false, brokenAt: ids[2], problem: 'prev_mismatch' });
  });

  it('shows an entry altered in place by rewriting the stream with the same ids', async () => {
    const written = writers();
    const { chain } = written;
    const ids = await mixedAppends(written);
    const rows = (await redis.xrange(chain.stream, '-', '+')) as [string, string[]][];
    await redis.del(chain.stream);
    for (const [id, fields] of rows) {
      await redis.xadd(chain.stream, id, ...fields.map((value, i) => (id === ids[2] && fields[i - 1] === 'action' ? 'request.returned' : value)));
    }
    expect(await verifyAuditChain(redis, chain)).toMatchObject({ ok: false, brokenAt: ids[2], problem: 'hash_mismatch' });
  });

  it('misses a chain rewritten from an entry on with every hash and the head recomputed, unless a head kept outside Redis is checked', async () => {
    const written = writers();
    const { chain } = written;
    await mixedAppends(written);
    const archived = (await redis.get(chain.head))!;
    await written.log.record(read('later'));
    const rows = (await redis.xrange(chain.stream, '-', '+')) as [string, string[]][];
    await redis.del(chain.stream);
    let prev = GENESIS;
    for (const [id, raw] of rows) {
      const { fields } = chainedRow(id, raw);
      const forged = fields.map((value, i) => (fields[i - 1] === 'actorId' && value === 'first' ? 'someone-else' : value));
      const hash = chainHash(prev, forged);
      await redis.xadd(chain.stream, id, ...forged, 'prev', prev, 'hash', hash);
      prev = hash;
    }
    await redis.set(chain.head, prev);
    expect(await verifyAuditChain(redis, chain)).toMatchObject({ ok: true, count: 6 });
    expect(await verifyAuditChain(redis, chain, archived)).toMatchObject({ ok: false, problem: 'archived_head_missing' });
  });

  it('finds a head kept outside Redis in an untouched chain', async () => {
    const written = writers();
    await mixedAppends(written);
    const archived = (await redis.get(written.chain.head))!;
    await written.log.record(read('later'));
    expect(await verifyAuditChain(redis, written.chain, archived)).toMatchObject({ ok: true, count: 6 });
  });

  it('accepts entries from before the chain began only ahead of it', async () => {
    const written = writers();
    const { chain } = written;
    await redis.xadd(chain.stream, '*', 'at', '2026-01-01T00:00:00.000Z', 'actorId', 'old', 'action', 'request.read', 'requestId', 'r0');
    await mixedAppends(written);
    expect(await verifyAuditChain(redis, chain)).toMatchObject({ ok: true, count: 6, unchained: 1 });
    const unchained = await redis.xadd(chain.stream, '*', 'at', '2026-01-01T00:00:00.000Z', 'actorId', 'late', 'action', 'request.read', 'requestId', 'r0');
    expect(await verifyAuditChain(redis, chain)).toMatchObject({ ok: false, brokenAt: unchained, problem: 'not_chained' });
  });

  it('trims entries past the retention on append, anchoring the first that remains', async () => {
    const written = writers(50);
    const { chain, log } = written;
    const old = await mixedAppends(written);
    const [, newestTrimmed] = (await redis.xrange(chain.stream, old.at(-1)!, old.at(-1)!))[0]!;
    await sleep(120);
    await log.record(read('after the retention'));
    const remaining = (await redis.xrange(chain.stream, '-', '+')) as [string, string[]][];
    expect(remaining.map(([id]) => id)).toHaveLength(1);
    const [[, kept]] = remaining as [[string, string[]]];
    expect(await redis.get(chain.anchor)).toBe(newestTrimmed.at(-1));
    expect(kept[kept.indexOf('prev') + 1]).toBe(newestTrimmed.at(-1));
    expect(await verifyAuditChain(redis, chain)).toMatchObject({ ok: true, count: 1, anchor: await redis.get(chain.anchor) });
  });

  it('still shows the oldest remaining entry deleted after a trim', async () => {
    const written = writers(50);
    const { chain, log } = written;
    await mixedAppends(written);
    await sleep(120);
    await log.record(read('kept 1'));
    await log.record(read('kept 2'));
    const [first, second] = (await redis.xrange(chain.stream, '-', '+')).map(([id]) => id);
    await redis.xdel(chain.stream, first!);
    expect(await verifyAuditChain(redis, chain)).toMatchObject({ ok: false, brokenAt: second, problem: 'prev_mismatch' });
  });

  it("lets a request's index expire a retention after its last entry", async () => {
    const written = writers();
    await mixedAppends(written);
    expect(await redis.pttl(written.chain.indexOf('r1'))).toBeGreaterThan(written.chain.retentionMs - 60_000);
  });

  it("reads a request's trimmed entries as gone and its later ones as they are", async () => {
    const written = writers(50);
    await mixedAppends(written);
    await sleep(120);
    await written.log.record(read('after', 'r1'));
    expect((await written.log.entriesFor('r1')).map((e) => e.actorId)).toEqual(['after']);
  });
});
