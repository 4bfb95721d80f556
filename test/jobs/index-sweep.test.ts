import { describe, expect, it, vi } from 'vitest';
import { startIndexSweep } from '../../src/jobs/watchdog.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { auditChain } from '../support/audit-chain.js';
import { sharedRedis } from '../support/shared-redis.js';
import { storedRequest } from '../store/contracts/request-repository.contract.js';

const { redis, prefix } = sharedRedis();
const silent = { info: () => {}, warn: vi.fn() };

describe('the index sweep during a rolling deploy', () => {
  it('lists for a worker an older instance named, within a sweep and without a restart', async () => {
    const p = prefix();
    const repo = new RedisRequestRepository(redis, p, new DescriptionCipher([{ id: 'k1', key: Buffer.alloc(32, 7) }]), auditChain(p));
    const draft = storedRequest('r1', 1, '2026-11-02T08:00:00.000Z');
    const routed = { ...draft.request, status: 'routed' as const, sendingUnitId: 'u1', collaborationUnitIds: ['u2'], submittedAt: draft.request.createdAt, units: [{ unitId: 'u2', status: 'awaiting_acknowledgement' as const }] };
    await repo.create({ ...draft, request: routed });
    // The older release's update: the record changes, its indexes stay as they were.
    const named = { ...routed, version: 2, units: [{ unitId: 'u2', status: 'worker_named' as const, namedWorkerId: 'w1' }] };
    await redis.hset(`${p}{wf}:request:r1`, 'version', '2', 'meta', JSON.stringify(named));
    expect((await repo.listByParticipant('w1', 20)).open).toEqual([]);

    const sweep = startIndexSweep(() => repo.reindex(), 100, silent);
    try {
      await vi.waitFor(async () => expect((await repo.listByParticipant('w1', 20)).open.map((r) => r.id)).toEqual(['r1']), { timeout: 3000, interval: 50 });
    } finally {
      await sweep.stop();
    }
    expect(silent.warn).toHaveBeenCalledWith({ filed: 1 }, expect.stringContaining('refiled'));
  });
});
