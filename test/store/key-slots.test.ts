import type { ChainableCommander } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { StoredRequest } from '../../src/app/ports.js';
import { verifyAuditChain } from '../../src/store/audit-chain.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { KeySpace } from '../../src/store/key-space.js';
import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { RedisChannelLinks } from '../../src/store/redis-channel-links.js';
import type { RedisClient } from '../../src/store/redis-connection.js';
import { RedisEffectOutbox } from '../../src/store/redis-effect-outbox.js';
import { RedisFeedbackStore } from '../../src/store/redis-feedback-store.js';
import { RedisMessageLedger } from '../../src/store/redis-message-ledger.js';
import { RedisRequestLocks } from '../../src/store/redis-request-locks.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { RedisSlotReservations } from '../../src/store/redis-slot-reservations.js';
import { auditChain } from '../support/audit-chain.js';
import { keySlot } from '../support/key-slot.js';
import { sharedRedis } from '../support/shared-redis.js';
import { storedRequest } from './contracts/request-repository.contract.js';

/**
 * Redis Cluster runs a script, a MULTI or a pipeline only when every key it names is in one
 * slot. The stores are driven here on the one-node test Redis through a client that notes the
 * keys of each such step, so a key built with the wrong hash tag fails without a cluster too.
 */
const { redis, prefix } = sharedRedis();

/** Commands that name several keys at once. */
const MULTI_KEY = new Set(['sunion', 'sinter', 'mget', 'del', 'unlink']);

function observed(client: RedisClient, steps: { what: string; keys: string[] }[]): RedisClient {
  const batch = (what: string, chain: ChainableCommander): ChainableCommander => {
    const step = { what, keys: [] as string[] };
    steps.push(step);
    const proxy: ChainableCommander = new Proxy(chain, {
      get(target, name) {
        const value = Reflect.get(target, name, target) as unknown;
        if (typeof value !== 'function' || name === 'exec') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]) => {
          if (name === 'eval') step.keys.push(...(args.slice(2, 2 + Number(args[1])) as string[]));
          else if (typeof args[0] === 'string') step.keys.push(args[0]);
          (value as (...a: unknown[]) => unknown).apply(target, args);
          return proxy;
        };
      },
    });
    return proxy;
  };
  return new Proxy(client, {
    get(target, name) {
      const value = Reflect.get(target, name, target) as unknown;
      if (typeof value !== 'function') return value;
      const call = (value as (...a: unknown[]) => unknown).bind(target);
      if (name === 'eval') {
        return (...args: unknown[]) => {
          steps.push({ what: `eval ${String(args[0]).trim().split('\n').at(-2)}`, keys: args.slice(2, 2 + Number(args[1])) as string[] });
          return call(...args);
        };
      }
      if (name === 'multi' || name === 'pipeline') return (...args: unknown[]) => batch(name, call(...args) as ChainableCommander);
      if (typeof name === 'string' && MULTI_KEY.has(name)) {
        return (...args: unknown[]) => {
          steps.push({ what: name, keys: args.flat() as string[] });
          return call(...args);
        };
      }
      return call;
    },
  });
}

const KEY = { id: 'k1', key: Buffer.alloc(32, 7) };

function sent(id: string): StoredRequest {
  const stored = storedRequest(id, 1, '2026-11-02T08:00:00.000Z');
  return {
    ...stored,
    request: {
      ...stored.request,
      status: 'routed',
      sendingUnitId: 'u1',
      collaborationUnitIds: ['u2', 'u3'],
      reference: `YT-2026-${id}`,
      submittedAt: '2026-11-02T08:00:00.000Z',
      units: [{ unitId: 'u2', status: 'worker_named', namedWorkerId: 'w1' }, { unitId: 'u3', status: 'awaiting_acknowledgement' }],
    },
  };
}

describe('the keys every script, MULTI and pipeline of the stores touches', () => {
  it('are in one Redis Cluster slot each time', async () => {
    const p = prefix();
    const steps: { what: string; keys: string[] }[] = [];
    const client = observed(redis, steps);
    const chain = auditChain(p);
    const repo = new RedisRequestRepository(client, p, new DescriptionCipher([KEY]), chain);
    const entry = { at: '2026-11-02T09:00:00.000Z', actorId: 'lead', action: 'request.approved' as const, requestId: 'r1', status: 'approved' };
    const effect = { effect: { kind: 'cards_changed' as const, requestId: 'r1' }, key: 'route:r1' };
    await repo.create(sent('r1'), entry, [effect]);
    const moved = sent('r1');
    await repo.update({ ...moved, request: { ...moved.request, version: 2, status: 'withdrawn', updatedAt: '2026-11-20T08:00:00.000Z' } }, 1, entry, [effect]);
    await repo.create(storedRequest('draft', 1, '2026-11-02T08:00:00.000Z'));
    await repo.remove('draft', 1);
    await repo.monthFigures(['u1', 'u2'], ['2026-10', '2026-11', '2026-12']);
    await repo.listByParticipant('w1', 5);
    await repo.listByOwner('owner-a');
    await client.hdel(new KeySpace(p).request('r1'), 'indexedVersion');
    expect(await repo.reindex()).toBe(1);

    const audit = new RedisAuditLog(client, chain);
    await audit.record(entry);
    await audit.entriesFor('r1');
    await verifyAuditChain(client, chain);

    const outbox = new RedisEffectOutbox(client, p);
    await outbox.add([effect]);
    await client.hset(new KeySpace(p).outbox(), 'broken', '{}');
    await client.zadd(new KeySpace(p).outboxOrder(), 0, 'broken');
    for (const pending of await outbox.oldest(10)) await outbox.settle(pending);

    const ledger = new RedisMessageLedger(client, p);
    await ledger.begin('route:r1:lead:a');
    await ledger.markSent('route:r1:lead:a');
    await ledger.begin('route:r1:lead:b');
    await ledger.release('route:r1:lead:b');

    const slots = new RedisSlotReservations(client, p);
    await slots.reserve({ unitId: 'u1', date: '2026-12-09', caseIndexes: [0, 1], parts: 2, start: '2026-12-09T10:00:00Z', end: '2026-12-09T11:30:00Z', participants: ['p1', 'p2'] }, 'r1');
    await slots.peopleHeld(['p1', 'p2'], '2026-12-09T00:00:00Z', '2026-12-10T00:00:00Z', 'r2');
    await slots.heldBy('r1', '2026-12-01');
    await slots.bookedBetween('u1', '2026-12-01', '2026-12-31');
    await slots.release({ unitId: 'u1', date: '2026-12-09', caseIndexes: [1] }, 'r1');
    await slots.release({ unitId: 'u1', date: '2026-12-09', caseIndexes: [0] }, 'r1');

    const links = new RedisChannelLinks(client, p);
    await links.link('u2', 'channel-a');
    await links.link('u2', 'channel-b');
    await links.unlink('u2');

    const feedback = new RedisFeedbackStore(client, p, new DescriptionCipher([KEY]), [KEY]);
    const answer = { requestId: 'r1', generation: 1, month: '2026-12', unitIds: ['u2'], respondent: 'worker' as const, scores: { clarified: 3 }, comment: 'x' };
    await feedback.save('w1', answer);
    await feedback.monthFigures(['u2'], ['2026-11', '2026-12']);
    await feedback.figureOldAnswers();
    await feedback.forgetComments('r1');

    await new RedisRequestLocks(client, p).withLock('r1', async () => undefined);

    const spanning = steps.filter((step) => new Set(step.keys.map(keySlot)).size > 1);
    expect(spanning).toEqual([]);
    // The scripts and batches above were all seen: a store that stopped going through them would pass unseen.
    expect(steps.filter((step) => step.keys.length > 1).length).toBeGreaterThan(15);
  });

  it('include the channel sets the relink script builds from its arguments, in the tag of the unit it is given', () => {
    const keys = new KeySpace('yt:');
    expect(keySlot(keys.channelUnits('19:abc@thread.tacv2'))).toBe(keySlot(keys.unitChannel('u2')));
  });

  it('spread what grows with traffic: the message ledger and tracked cards are not all in the workflow core', () => {
    const keys = new KeySpace('yt:');
    const core = keySlot(keys.request('r1'));
    const spread = ['a', 'b', 'c', 'd'].flatMap((id) => [keySlot(keys.sent(`route:${id}`)), keySlot(keys.cards(id))]);
    expect(new Set(spread).size).toBeGreaterThan(4);
    expect(spread.every((slot) => slot === core)).toBe(false);
    expect(keySlot(keys.sent('route:a'))).toBe(keySlot(keys.sending('route:a')));
  });

  it('computes slots as Redis does', () => {
    // CLUSTER KEYSLOT's answers for these.
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    expect(keySlot('foo{}{bar}')).toBe(keySlot('foo{}{bar}'));
  });
});
