import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RedisRequestLocks } from '../../src/store/redis-request-locks.js';
import { InMemoryRequestLocks } from '../support/in-memory-request-locks.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeRequestLocksContract, gate } from './contracts/request-locks.contract.js';

const { redis, prefix } = sharedRedis();

describeRequestLocksContract('in memory', (waitMs) => new InMemoryRequestLocks(waitMs));
describeRequestLocksContract('Redis', (waitMs) => new RedisRequestLocks(redis, prefix(), 10_000, waitMs));

describe('Redis request locks when a holder dies or overruns', () => {
  it('takes over the hold of a holder that died, once the hold has expired', async () => {
    const p = prefix();
    await redis.set(`${p}lock:request:r1`, 'a dead instance', 'PX', 150);
    const started = Date.now();
    expect(await new RedisRequestLocks(redis, p, 10_000, 2_000).withLock('r1', async () => 'taken over')).toBe('taken over');
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('does not let a holder that overran its hold release the next holder', async () => {
    const p = prefix();
    const next = gate();
    const overrun = new RedisRequestLocks(redis, p, 100, 0).withLock('r1', () => sleep(300));
    const second = new RedisRequestLocks(redis, p, 10_000, 2_000).withLock('r1', () => next.opened);
    await overrun;
    expect(await new RedisRequestLocks(redis, p, 10_000, 0).withLock('r1', async () => 'third')).toBeUndefined();
    next.open();
    await second;
  });
});
