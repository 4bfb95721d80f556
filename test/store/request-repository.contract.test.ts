import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRepository, StoredRequest } from '../../src/app/ports.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';

const KEY = { id: 'k1', key: Buffer.alloc(32, 7) };

function stored(id: string, version: number, updatedAt: string, ownerId = 'owner-a', text = 'Kuvaus.'): StoredRequest {
  return {
    request: {
      id,
      version,
      status: 'draft',
      ownerId,
      collaborationUnitIds: [],
      consentRecorded: false,
      needConfirmedInTeam: false,
      createdAt: updatedAt,
      updatedAt,
      units: [],
    },
    description: {
      texts: { senderContact: '', wantedServices: text, receivedServices: '', whatWorked: '', assessmentHighlights: '' },
      confirmedNameHints: [],
      pendingNameHints: [],
    },
  };
}

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `test:${randomUUID().slice(0, 8)}:`;

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const backends: [string, () => RequestRepository][] = [
  ['in memory', () => new InMemoryRequestRepository()],
  ['Redis', () => new RedisRequestRepository(redis, `${prefix}${randomUUID()}:`, new DescriptionCipher([KEY]))],
];

describe.each(backends)('request repository contract (%s)', (_name, make) => {
  let repo: RequestRepository;
  beforeEach(() => {
    repo = make();
  });

  it('reads back what it wrote, description included', async () => {
    await repo.create(stored('r1', 1, '2026-11-24T10:00:00.000Z'));
    expect(await repo.get('r1')).toEqual(stored('r1', 1, '2026-11-24T10:00:00.000Z'));
  });

  it('refuses a second create with the same id', async () => {
    expect(await repo.create(stored('r1', 1, '2026-11-24T10:00:00.000Z'))).toBe('written');
    expect(await repo.create(stored('r1', 1, '2026-11-24T10:00:00.000Z'))).toBe('conflict');
  });

  it('writes a change only over the version it read', async () => {
    await repo.create(stored('r1', 1, '2026-11-24T10:00:00.000Z'));
    expect(await repo.update(stored('r1', 2, '2026-11-24T10:01:00.000Z', 'owner-a', 'A'), 1)).toBe('written');
    expect(await repo.update(stored('r1', 2, '2026-11-24T10:02:00.000Z', 'owner-a', 'B'), 1)).toBe('conflict');
    expect((await repo.get('r1'))?.description.texts.wantedServices).toBe('A');
  });

  it('says not_found for a change to a missing request', async () => {
    expect(await repo.update(stored('nope', 2, '2026-11-24T10:00:00.000Z'), 1)).toBe('not_found');
    expect(await repo.remove('nope', 1)).toBe('not_found');
  });

  it('removes only the version it read, and the owner list forgets it', async () => {
    await repo.create(stored('r1', 1, '2026-11-24T10:00:00.000Z'));
    expect(await repo.remove('r1', 2)).toBe('conflict');
    expect(await repo.remove('r1', 1)).toBe('written');
    expect(await repo.get('r1')).toBeUndefined();
    expect(await repo.listByOwner('owner-a')).toEqual([]);
  });

  it('lists sent requests by every unit involved, never drafts', async () => {
    await repo.create(stored('draft', 1, '2026-11-24T10:00:00.000Z'));
    await repo.update({ ...stored('draft', 2, '2026-11-24T10:01:00.000Z'), request: { ...stored('draft', 2, '2026-11-24T10:01:00.000Z').request, collaborationUnitIds: ['u2'], sendingUnitId: 'u1' } }, 1);
    expect(await repo.listByUnit('u2')).toEqual([]);
    const sent = stored('draft', 3, '2026-11-24T10:02:00.000Z');
    await repo.update({ ...sent, request: { ...sent.request, status: 'submitted', collaborationUnitIds: ['u2'], sendingUnitId: 'u1' } }, 2);
    expect((await repo.listByUnit('u1')).map((r) => r.id)).toEqual(['draft']);
    expect((await repo.listByUnit('u2')).map((r) => r.id)).toEqual(['draft']);
    expect(await repo.listByUnit('u3')).toEqual([]);
  });

  it("lists an owner's requests newest change first, and nobody else's", async () => {
    await repo.create(stored('old', 1, '2026-11-20T10:00:00.000Z'));
    await repo.create(stored('new', 1, '2026-11-23T10:00:00.000Z'));
    await repo.create(stored('theirs', 1, '2026-11-24T10:00:00.000Z', 'owner-b'));
    await repo.update(stored('old', 2, '2026-11-24T09:00:00.000Z'), 1);
    expect((await repo.listByOwner('owner-a')).map((r) => r.id)).toEqual(['old', 'new']);
  });
});

describe('Redis request repository and the audit stream', () => {
  it("appends a decision's audit entry in the same write, and none when the write is refused", async () => {
    const p = `${prefix}audited:`;
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]));
    await repo.create(stored('r1', 1, '2026-11-24T10:00:00.000Z'));
    const entry = { at: '2026-11-24T11:00:00.000Z', actorId: 'lead', action: 'request.approved' as const, requestId: 'r1', status: 'approved' };
    expect(await repo.update(stored('r1', 2, '2026-11-24T11:00:00.000Z'), 1, entry)).toBe('written');
    expect(await repo.update(stored('r1', 3, '2026-11-24T11:00:00.000Z'), 1, { ...entry, actorId: 'late' })).toBe('conflict');
    const audit = await redis.xrange(`${p}audit`, '-', '+');
    expect(audit.map(([, fields]) => fields)).toEqual([['at', entry.at, 'actorId', 'lead', 'action', 'request.approved', 'requestId', 'r1', 'status', 'approved']]);
  });
});

describe('Redis request repository at rest', () => {
  it('keeps the description only as AES-GCM ciphertext tagged with its key id', async () => {
    const p = `${prefix}rest:`;
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]));
    await repo.create(stored('r1', 1, '2026-11-24T10:00:00.000Z', 'owner-a', 'Salainen kuvausteksti'));
    const raw = await redis.hgetall(`${p}request:r1`);
    expect(JSON.stringify(raw)).not.toContain('Salainen');
    expect(raw.description).toMatch(/^v2\.k1\./);
  });

  it('reads records sealed with an older key after the key is rotated', async () => {
    const p = `${prefix}rotate:`;
    await new RedisRequestRepository(redis, p, new DescriptionCipher([KEY])).create(stored('r1', 1, '2026-11-24T10:00:00.000Z'));
    const rotated = new RedisRequestRepository(redis, p, new DescriptionCipher([{ id: 'k2', key: Buffer.alloc(32, 9) }, KEY]));
    expect((await rotated.get('r1'))?.description.texts.wantedServices).toBe('Kuvaus.');
  });

  it('refuses a ciphertext moved onto another record', async () => {
    const p = `${prefix}swap:`;
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([KEY]));
    await repo.create(stored('r1', 1, '2026-11-24T10:00:00.000Z'));
    await repo.create(stored('r2', 1, '2026-11-24T10:00:00.000Z', 'owner-a', 'Toinen'));
    await redis.hset(`${p}request:r2`, 'description', (await redis.hget(`${p}request:r1`, 'description'))!);
    await expect(repo.get('r2')).rejects.toThrow();
  });
});
