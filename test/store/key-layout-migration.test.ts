import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { StoredRequest } from '../../src/app/ports.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { KeySpace } from '../../src/store/key-space.js';
import { migrateKeyLayout, renamedKey } from '../../src/store/key-layout-migration.js';
import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { RedisChannelLinks } from '../../src/store/redis-channel-links.js';
import { RedisMessageLedger } from '../../src/store/redis-message-ledger.js';
import { RedisReferenceSequence } from '../../src/store/redis-reference-sequence.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { RedisUserPreferences } from '../../src/store/redis-user-preferences.js';
import { unitIndexes } from '../../src/store/request-indexes.js';
import { auditChain } from '../support/audit-chain.js';
import { keysUnder, sharedRedis, TEST_REDIS_URL } from '../support/shared-redis.js';
import { storedRequest } from './contracts/request-repository.contract.js';

const { redis, prefix } = sharedRedis();
const KEY = { id: 'k1', key: Buffer.alloc(32, 7) };
const cipher = new DescriptionCipher([KEY]);
const AT = Date.parse('2026-11-02T08:00:00.000Z');

function sent(id: string): StoredRequest {
  const stored = storedRequest(id, 1, '2026-11-02T08:00:00.000Z');
  return {
    ...stored,
    request: { ...stored.request, status: 'submitted', sendingUnitId: 'u1', collaborationUnitIds: ['u2'], reference: 'YT-2026-0005', submittedAt: '2026-11-02T08:00:00.000Z' },
  };
}

/** What a release before the hash-tagged layout left in Redis, written by the names it used. */
async function writeOldLayout(p: string): Promise<void> {
  const { request, description } = sent('r1');
  const indexes = unitIndexes(request);
  await redis.hset(`${p}request:r1`, 'version', '1', 'meta', JSON.stringify(request), 'description', cipher.seal('r1', JSON.stringify(description)), 'indexes', indexes.join(' '), 'indexedVersion', '1', 'peopleIndexedVersion', '1');
  await redis.zadd(`${p}owner:owner-a:requests`, AT, 'r1');
  await redis.hset(`${p}request-references`, 'YT-2026-0005', 'r1');
  for (const name of indexes) await redis.zadd(`${p}${name}`, AT, 'r1');
  await redis.set(`${p}reference:2026`, '5');
  await redis.xadd(`${p}audit`, '*', 'at', '2026-11-02T08:00:00.000Z', 'actorId', 'owner-a', 'action', 'request.submitted', 'requestId', 'r1');
  await redis.set(`${p}sent:approval:r1:lead`, '1');
  await redis.hset(`${p}yhteistyoaika:2026-12-09`, '0', 'r1');
  await redis.zadd(`${p}yhteistyoaika:dates`, Math.floor(Date.parse('2026-12-09T00:00:00Z') / 86_400_000), `${p}yhteistyoaika:2026-12-09`);
  await redis.set(`${p}unit:u2:channel`, 'channel-a');
  await redis.sadd(`${p}channel:channel-a:units`, 'u2');
  await redis.hset(`${p}user:worker-1`, 'locale', 'sv');
  const oldQueue = new Queue('effects', { connection: { url: TEST_REDIS_URL }, prefix: `${p}bull` });
  await oldQueue.add('approval_requested', { kind: 'approval_requested', requestId: 'r1' }, { jobId: 'approval_r1' });
  await oldQueue.close();
}

describe.skipIf(TEST_REDIS_URL.includes('+cluster'))('moving a single Redis node to the hash-tagged key layout', () => {
  it('renames every key an earlier release wrote, and the stores and the queue read them as before', async () => {
    const p = prefix();
    await writeOldLayout(p);
    const outcome = await migrateKeyLayout(redis, p);
    expect(outcome.kind).toBe('migrated');

    const repo = new RedisRequestRepository(redis, p, cipher, auditChain(p));
    expect((await repo.get('r1'))?.description.texts.wantedServices).toBe('Kuvaus.');
    expect((await repo.findByReference('YT-2026-0005'))?.id).toBe('r1');
    expect((await repo.listOpenByUnit('u2')).map((r) => r.id)).toEqual(['r1']);
    expect((await repo.listByOwner('owner-a')).map((r) => r.id)).toEqual(['r1']);
    // Written before the month figures too: the reindex at start counts it, once.
    expect(await repo.reindex()).toBe(1);
    expect((await repo.monthFigures(['u1'], ['2026-11']))[0]?.[0]).toMatchObject({ sent: 1 });
    expect(await repo.reindex()).toBe(0);
    expect(await new RedisReferenceSequence(redis, p).next(2026)).toBe(6);
    expect((await new RedisAuditLog(redis, auditChain(p)).entries()).map((e) => e.action)).toEqual(['request.submitted']);
    expect(await new RedisMessageLedger(redis, p).begin('approval:r1:lead')).toEqual({ outcome: 'already_sent' });
    // Still county-wide: reservations-per-unit-migration.ts moves them to their units next.
    const keys = new KeySpace(p);
    expect(await redis.hgetall(keys.slotDate('2026-12-09'))).toEqual({ '0': 'r1' });
    expect(await redis.zrange(keys.slotDates(), '0', '-1')).toEqual([keys.slotDate('2026-12-09')]);
    const links = new RedisChannelLinks(redis, p);
    expect(await links.channelOf('u2')).toBe('channel-a');
    expect(await links.unitsLinkedTo('channel-a')).toEqual(['u2']);
    expect(await new RedisUserPreferences(redis, p).locale('worker-1')).toBe('sv');
    const queue = new Queue('effects', { connection: { url: TEST_REDIS_URL }, prefix: new KeySpace(p).queuePrefix() });
    try {
      expect((await queue.getWaiting()).map((job) => [job.id, job.data])).toEqual([['approval_r1', { kind: 'approval_requested', requestId: 'r1' }]]);
    } finally {
      await queue.close();
    }
    expect(await keysUnder(redis, `${p}request:*`)).toEqual([]);
    expect(await keysUnder(redis, `${p}bull:*`)).toEqual([]);
    expect(await migrateKeyLayout(redis, p)).toEqual({ kind: 'current' });
  });

  it('renames once when two processes start at once: one moves the keys, the other waits for it', async () => {
    const p = prefix();
    await writeOldLayout(p);
    const outcomes = await Promise.all([migrateKeyLayout(redis, p), migrateKeyLayout(redis, p)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['current', 'migrated']);
    expect(await new RedisReferenceSequence(redis, p).next(2026)).toBe(6);
    expect(await redis.get(new KeySpace(p).layoutMarker())).toBe('2');
  });

  it('marks an empty instance as current without renaming anything, renames no key of the new layout, and leaves a key the new layout already holds', async () => {
    const p = prefix();
    expect(await migrateKeyLayout(redis, p)).toEqual({ kind: 'migrated', renamed: 0 });
    // A SCAN returns a key again after its rename now and then: the new name is no old one.
    const keys = new KeySpace(p);
    for (const key of [keys.sent('a:b'), keys.sending('a:b'), keys.cards('r1'), keys.request('r1'), keys.slotDates(), keys.channelUnits('c'), keys.feedbackAnswers(), `${keys.queuePrefix()}:effects:wait`]) {
      expect(renamedKey(keys, key.slice(p.length)), key).toBeUndefined();
    }
    const q = prefix();
    await redis.set(`${q}reference:2026`, '5');
    await redis.set(new KeySpace(q).referenceCounter(2026), '9');
    await migrateKeyLayout(redis, q);
    expect(await new RedisReferenceSequence(redis, q).next(2026)).toBe(10);
  });
});
