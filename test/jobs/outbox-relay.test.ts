import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import type { QueuedEffect } from '../../src/app/effect.js';
import { BullEffectQueue } from '../../src/jobs/bull-effect-queue.js';
import { OutboxRelay } from '../../src/jobs/outbox-relay.js';
import { AuditChain } from '../../src/store/audit-chain.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisEffectOutbox } from '../../src/store/redis-effect-outbox.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { storedRequest } from '../store/contracts/request-repository.contract.js';
import { sharedRedis } from '../support/shared-redis.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = Buffer.alloc(32, 7);
const { redis, prefix } = sharedRedis();

interface Logged {
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

function scene() {
  const p = prefix();
  const logged: Logged[] = [];
  const log = {
    info: (fields: object, message: string) => void logged.push({ fields: fields as Record<string, unknown>, message }),
    warn: (fields: object, message: string) => void logged.push({ fields: fields as Record<string, unknown>, message }),
  };
  const outbox = new RedisEffectOutbox(redis, p);
  const queue = new BullEffectQueue(REDIS_URL, `${p}{bull}`, log, { now: () => new Date() });
  const jobs = new Queue('effects', { connection: { url: REDIS_URL }, prefix: `${p}{bull}` });
  const repository = new RedisRequestRepository(redis, p, new DescriptionCipher([{ id: 'k1', key: KEY }]), AuditChain.keptForDays(p, 1));
  closers.push(async () => {
    await queue.close();
    await jobs.close();
  });
  return { outbox, queue, jobs, repository, logged, log };
}

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

const routed = (requestId: string): QueuedEffect => ({ effect: { kind: 'routed', requestId, actorId: 'sup', unitIds: ['u2'] }, key: `routed-${requestId}-v2` });

describe('the outbox relay', () => {
  it('keeps a decision’s effects in the outbox until a relay has queued them, under the effect key as job id', async () => {
    const s = scene();
    const first = storedRequest('outbox-r1', 1, '2026-11-24T10:00:00.000Z');
    await s.repository.create(first);
    expect(await s.repository.update({ ...first, request: { ...first.request, version: 2 } }, 1, undefined, [routed('outbox-r1')])).toBe('written');
    expect(await s.outbox.size()).toBe(1);

    await new OutboxRelay(s.outbox, s.queue, s.log).drain();

    expect(await s.outbox.size()).toBe(0);
    const job = await s.jobs.getJob('routed-outbox-r1-v2');
    expect(job?.data).toEqual(routed('outbox-r1').effect);
  });

  it('writes no effect when the decision itself is refused as stale', async () => {
    const s = scene();
    const first = storedRequest('outbox-r2', 1, '2026-11-24T10:00:00.000Z');
    await s.repository.create(first);
    expect(await s.repository.update({ ...first, request: { ...first.request, version: 2 } }, 7, undefined, [routed('outbox-r2')])).toBe('conflict');
    expect(await s.outbox.size()).toBe(0);
  });

  it('leaves entries in place while the queue refuses, and re-drives them on a later sweep, logging the repair by ids', async () => {
    const s = scene();
    const first = storedRequest('outbox-r3', 1, '2026-11-24T10:00:00.000Z');
    await s.repository.create(first);
    await s.repository.update({ ...first, request: { ...first.request, version: 2 } }, 1, undefined, [routed('outbox-r3')]);
    let refusing = true;
    const flaky = { enqueue: async (entry: QueuedEffect) => (refusing ? Promise.reject(new Error('queue away')) : s.queue.enqueue(entry)) };
    const relay = new OutboxRelay(s.outbox, flaky, s.log, { repairAfterMs: 0 });

    await relay.drain();
    expect(await s.outbox.size()).toBe(1);
    expect(await s.jobs.getJob('routed-outbox-r3-v2')).toBeUndefined();

    refusing = false;
    await relay.drain();
    expect(await s.outbox.size()).toBe(0);
    expect(await s.jobs.getJob('routed-outbox-r3-v2')).toBeDefined();
    const repair = s.logged.find((l) => l.message.includes('re-drove'));
    expect(repair?.fields).toMatchObject({ effectKey: 'routed-outbox-r3-v2', effectKind: 'routed', requestId: 'outbox-r3' });
  });

  it('queues an entry once when two relays move it at the same time', async () => {
    const s = scene();
    const first = storedRequest('outbox-r4', 1, '2026-11-24T10:00:00.000Z');
    await s.repository.create(first);
    await s.repository.update({ ...first, request: { ...first.request, version: 2 } }, 1, undefined, [routed('outbox-r4')]);
    await Promise.all([new OutboxRelay(s.outbox, s.queue, s.log).drain(), new OutboxRelay(s.outbox, s.queue, s.log).drain()]);
    expect(await s.outbox.size()).toBe(0);
    expect(await s.jobs.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 1, delayed: 0 });
  });

  it('queues a job’s follow-on written to the outbox on its own, as it does a decision’s', async () => {
    const s = scene();
    await s.outbox.add([{ effect: { kind: 'ack_reminder', requestId: 'outbox-r7', unitId: 'u2', stage: 1 }, key: 'ack-outbox-r7-u2-1' }]);
    expect(await s.outbox.size()).toBe(1);
    await new OutboxRelay(s.outbox, s.queue, s.log).drain();
    expect(await s.outbox.size()).toBe(0);
    expect((await s.jobs.getJob('ack-outbox-r7-u2-1'))?.data).toEqual({ kind: 'ack_reminder', requestId: 'outbox-r7', unitId: 'u2', stage: 1 });
  });

  it('gives a scheduled effect its due time as the job’s delay', async () => {
    const s = scene();
    const first = storedRequest('outbox-r5', 1, '2026-11-24T10:00:00.000Z');
    await s.repository.create(first);
    const dueAt = Date.now() + 3_600_000;
    await s.repository.update({ ...first, request: { ...first.request, version: 2 } }, 1, undefined, [
      { effect: { kind: 'ack_reminder', requestId: 'outbox-r5', unitId: 'u2', stage: 1 }, key: 'ack-outbox-r5-u2-1', dueAt },
    ]);
    await new OutboxRelay(s.outbox, s.queue, s.log).drain();
    const job = await s.jobs.getJob('ack-outbox-r5-u2-1');
    expect(job!.timestamp + job!.opts.delay!).toBeGreaterThan(dueAt - 5000);
    expect(job!.timestamp + job!.opts.delay!).toBeLessThanOrEqual(dueAt + 5);
  });
});

describe('an outbox entry that does not read as an effect', () => {
  it('is set aside with a log line naming its key, and the entries behind it are queued', async () => {
    const s = scene();
    const [hash, order] = s.outbox.keys();
    await redis.hset(hash, 'broken-1', '{"effect":{"kind":"teleport","requestId":"x"},"key":"broken-1"}');
    await redis.zadd(order, 1, 'broken-1');
    const first = storedRequest('outbox-r6', 1, '2026-11-24T10:00:00.000Z');
    await s.repository.create(first);
    await s.repository.update({ ...first, request: { ...first.request, version: 2 } }, 1, undefined, [routed('outbox-r6')]);

    await new OutboxRelay(s.outbox, s.queue, s.log).drain();

    expect(await s.outbox.size()).toBe(0);
    expect(await s.jobs.getJob('routed-outbox-r6-v2')).toBeDefined();
    expect(await redis.hkeys(`${hash}:unreadable`)).toEqual(['broken-1']);
    expect(s.logged.find((l) => l.message.includes('unreadable'))?.fields).toEqual({ effectKey: 'broken-1' });
  });
});
