import { describe, expect, it } from 'vitest';
import type { StoredRequest } from '../../src/app/ports.js';
import { chainHash, GENESIS } from '../../src/store/audit-chain.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { auditChain } from '../support/audit-chain.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';
import { keysUnder, sharedRedis } from '../support/shared-redis.js';
import { describeRequestRepositoryContract, storedRequest } from './contracts/request-repository.contract.js';

const KEY = { id: 'k1', key: Buffer.alloc(32, 7) };

/** Sent by u1 to u2 at `at`, as stored in one create. */
function sentIn(id: string, at: string): StoredRequest {
  const stored = storedRequest(id, 1, at);
  return { ...stored, request: { ...stored.request, status: 'submitted', sendingUnitId: 'u1', collaborationUnitIds: ['u2'], submittedAt: at } };
}
const { redis, prefix } = sharedRedis();

describeRequestRepositoryContract('in memory', () => {
  const repo = new InMemoryRequestRepository();
  return { repo, log: repo.auditLog };
});

describeRequestRepositoryContract('Redis', () => {
  const p = prefix();
  return { repo: new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), auditChain(p)), log: new RedisAuditLog(redis, auditChain(p)) };
});

describe('Redis request repository at rest', () => {
  it("writes a decision's audit entry into the audit log's stream, field by field, chained from the start", async () => {
    const p = prefix();
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), auditChain(p));
    await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
    const entry = { at: '2026-11-24T11:00:00.000Z', actorId: 'lead', action: 'request.approved' as const, requestId: 'r1', status: 'approved' };
    await repo.update(storedRequest('r1', 2, '2026-11-24T11:00:00.000Z'), 1, entry);
    const audit = await redis.xrange(`${p}{wf}:audit`, '-', '+');
    const fields = ['at', entry.at, 'actorId', 'lead', 'action', 'request.approved', 'requestId', 'r1', 'status', 'approved'];
    expect(audit.map(([, stored]) => stored)).toEqual([[...fields, 'prev', GENESIS, 'hash', chainHash(GENESIS, fields)]]);
  });

  it('files under the unit indexes, at start-up and once, the requests stored before those indexes existed', async () => {
    const p = prefix();
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), auditChain(p));
    await repo.create(sentIn('r1', '2026-11-02T08:00:00.000Z'));
    await repo.create(storedRequest('draft', 1, '2026-11-02T08:00:00.000Z'));
    // As the earlier release left them: the hashes with no record of indexes or figures, and neither.
    for (const id of ['r1', 'draft']) await redis.hdel(`${p}{wf}:request:${id}`, 'indexes', 'indexedVersion', 'figures', 'figuredVersion');
    await redis.del(...(await keysUnder(redis, `${p}{wf}:unit:*`)));
    expect(await repo.listOpenByUnit('u2')).toEqual([]);
    expect(await repo.monthFigures(['u1'], ['2026-11'])).toEqual([[{}]]);
    expect(await repo.reindex()).toBe(2);
    expect((await repo.listOpenByUnit('u2')).map((r) => r.id)).toEqual(['r1']);
    expect(await repo.monthFigures(['u1'], ['2026-11'])).toEqual([[{ sent: 1 }]]);
    expect(await repo.reindex()).toBe(0);
    expect(await repo.monthFigures(['u1'], ['2026-11'])).toEqual([[{ sent: 1 }]]);
  });

  it("files under its people's indexes, at start-up and once, a request an earlier release wrote without them", async () => {
    const p = prefix();
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), auditChain(p));
    const routed = sentIn('r1', '2026-11-02T08:00:00.000Z');
    await repo.create({ ...routed, request: { ...routed.request, status: 'routed', units: [{ unitId: 'u2', status: 'worker_named', namedWorkerId: 'w1' }] } });
    // As a release before the person indexes left it: unit indexes only, and no record of people filed.
    const unitOnly = (await redis.hget(`${p}{wf}:request:r1`, 'indexes'))!.split(' ').filter((name) => name.startsWith('unit:')).join(' ');
    await redis.hset(`${p}{wf}:request:r1`, 'indexes', unitOnly);
    await redis.hdel(`${p}{wf}:request:r1`, 'peopleIndexedVersion');
    await redis.del(...(await keysUnder(redis, `${p}{wf}:person:*`)));
    expect((await repo.listByParticipant('w1', 20)).open).toEqual([]);
    expect(await repo.reindex()).toBe(1);
    expect((await repo.listByParticipant('w1', 20)).open.map((r) => r.id)).toEqual(['r1']);
    expect((await repo.listByParticipant('owner-a', 20)).open.map((r) => r.id)).toEqual(['r1']);
    expect((await repo.listOpenByUnit('u2')).map((r) => r.id)).toEqual(['r1']);
    expect(await repo.reindex()).toBe(0);
  });

  it('drops the capped per-unit set of earlier releases at start-up and keeps the indexes in use', async () => {
    const p = prefix();
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), auditChain(p));
    await repo.create(sentIn('r1', '2026-11-02T08:00:00.000Z'));
    await redis.zadd(`${p}{wf}:unit:u1:requests`, 1, 'r1');
    await repo.reindex();
    expect(await redis.exists(`${p}{wf}:unit:u1:requests`)).toBe(0);
    expect((await repo.listOpenByUnit('u1')).map((r) => r.id)).toEqual(['r1']);
  });

  it('empties the month indexes of earlier releases at start-up, and counts their requests once', async () => {
    const p = prefix();
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), auditChain(p));
    await repo.create(sentIn('r1', '2026-11-02T08:00:00.000Z'));
    // As the release before the figures left it: filed under a month index, and counted nowhere.
    const month = `unit:u1:month:2026-11:requests`;
    const filed = await redis.hget(`${p}{wf}:request:r1`, 'indexes');
    await redis.hset(`${p}{wf}:request:r1`, 'indexes', `${filed} ${month}`);
    await redis.zadd(`${p}{wf}:${month}`, 1, 'r1');
    await redis.hdel(`${p}{wf}:request:r1`, 'figures', 'figuredVersion');
    await redis.del(...(await keysUnder(redis, `${p}{wf}:unit:*:figures`)));
    expect(await repo.reindex()).toBe(1);
    expect(await redis.exists(`${p}{wf}:${month}`)).toBe(0);
    expect(await redis.hget(`${p}{wf}:request:r1`, 'indexes')).toBe(filed);
    expect(await repo.monthFigures(['u1'], ['2026-11'])).toEqual([[{ sent: 1 }]]);
    expect(await repo.reindex()).toBe(0);
  });

  it('refiles at start-up a request that an older instance changed during a rolling deploy', async () => {
    const p = prefix();
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), auditChain(p));
    const stored = sentIn('r1', '2026-11-02T08:00:00.000Z');
    await repo.create(stored);
    // The earlier release's update writes the record and leaves the indexes as they were.
    await redis.hset(`${p}{wf}:request:r1`, 'version', '2', 'meta', JSON.stringify({ ...stored.request, version: 2, status: 'withdrawn' }));
    expect(await repo.reindex()).toBe(1);
    expect(await repo.listOpenByUnit('u2')).toEqual([]);
    expect((await repo.listFinishedByUnit('u2', 8)).map((r) => r.status)).toEqual(['withdrawn']);
  });

  it('counts at start-up what an older instance changed during a rolling deploy, from what was counted before', async () => {
    const p = prefix();
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), auditChain(p));
    const stored = sentIn('r1', '2026-11-02T08:00:00.000Z');
    await repo.create(stored);
    // The earlier release's update approves it and leaves the figures, and what they counted for it, as they were.
    const approved = { ...stored.request, version: 2, status: 'routed', decision: { kind: 'approved', by: 'lead', at: '2026-11-04T08:00:00.000Z' }, units: [{ unitId: 'u2', status: 'awaiting_acknowledgement' }] };
    await redis.hset(`${p}{wf}:request:r1`, 'version', '2', 'meta', JSON.stringify(approved));
    expect(await repo.reindex()).toBe(1);
    const twoDays = 2 * 24 * 3600 * 1000;
    expect(await repo.monthFigures(['u1', 'u2'], ['2026-11'])).toEqual([
      [{ sent: 1, 'sent.approval.ms': twoDays, 'sent.approval.n': 1 }],
      [{ received: 1, 'received.approval.ms': twoDays, 'received.approval.n': 1 }],
    ]);
    expect(await repo.reindex()).toBe(0);
  });

  it('keeps the description only as AES-GCM ciphertext tagged with its key id', async () => {
    const p = prefix();
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), auditChain(p));
    await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z', 'owner-a', 'Salainen kuvausteksti'));
    const raw = await redis.hgetall(`${p}{wf}:request:r1`);
    expect(JSON.stringify(raw)).not.toContain('Salainen');
    expect(raw.description).toMatch(/^v2\.k1\./);
  });

  it('reads records sealed with an older key after the key is rotated', async () => {
    const p = prefix();
    await new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), auditChain(p)).create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
    const rotated = new RedisRequestRepository(redis, p, new DescriptionCipher([{ id: 'k2', key: Buffer.alloc(32, 9) }, KEY]), auditChain(p));
    expect((await rotated.get('r1'))?.description.texts.wantedServices).toBe('Kuvaus.');
  });

  it('refuses a ciphertext moved onto another record', async () => {
    const p = prefix();
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]), auditChain(p));
    await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
    await repo.create(storedRequest('r2', 1, '2026-11-24T10:00:00.000Z', 'owner-a', 'Toinen'));
    await redis.hset(`${p}{wf}:request:r2`, 'description', (await redis.hget(`${p}{wf}:request:r1`, 'description'))!);
    await expect(repo.get('r2')).rejects.toThrow();
  });
});
