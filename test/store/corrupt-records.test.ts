import { describe, expect, it } from 'vitest';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { RedisFeedbackStore } from '../../src/store/redis-feedback-store.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { CorruptRecordError, type RecordKind } from '../../src/store/schemas/stored-record.js';
import { auditChain } from '../support/audit-chain.js';
import { sharedRedis } from '../support/shared-redis.js';
import { storedRequest } from './contracts/request-repository.contract.js';

const KEYS = [{ id: 'k1', key: Buffer.alloc(32, 5) }];
const cipher = new DescriptionCipher(KEYS);
// Short, because a parser quotes no more than ten characters of what it refused.
const CANARY = 'Kanaria42';
const { redis, prefix } = sharedRedis();

/** The error a read threw, checked to name the record and to carry nothing of what was stored. */
async function corrupt(read: Promise<unknown>, kind: RecordKind, id: string): Promise<CorruptRecordError> {
  const error = await read.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(CorruptRecordError);
  const refusal = error as CorruptRecordError;
  expect({ kind: refusal.kind, id: refusal.id }).toEqual({ kind, id });
  expect(refusal.message).toContain(`${kind} ${id}`);
  const cause = refusal.cause instanceof Error ? refusal.cause.message : '';
  expect(JSON.stringify({ ...refusal, message: refusal.message, stack: refusal.stack, cause })).not.toContain(CANARY);
  return refusal;
}

async function requestOnRedis() {
  const p = prefix();
  const repo = new RedisRequestRepository(redis, p, cipher, auditChain(p));
  await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
  return { repo, key: `${p}{wf}:request:r1` };
}

describe('corrupt records on Redis', () => {
  it('refuses request metadata that is not JSON, in a read and in a list', async () => {
    const { repo, key } = await requestOnRedis();
    await redis.hset(key, 'meta', `{"id":"r1","note":${CANARY}}`);
    expect((await corrupt(repo.get('r1'), 'request', 'r1')).problem).toBe('not JSON');
    await corrupt(repo.listByOwner('owner-a'), 'request', 'r1');
  });

  it('names the fields of request metadata that have the wrong shape, and not their values', async () => {
    const { repo, key } = await requestOnRedis();
    const meta = JSON.parse((await redis.hget(key, 'meta'))!) as Record<string, unknown>;
    await redis.hset(key, 'meta', JSON.stringify({ ...meta, status: CANARY, units: [{ unitId: 7, status: CANARY }] }));
    const refusal = await corrupt(repo.get('r1'), 'request', 'r1');
    expect(refusal).toMatchObject({ problem: 'wrong shape', fields: ['status', 'units'] });
    await corrupt(repo.remove('r1', 1), 'request', 'r1');
  });

  it('refuses a description that decrypts to the wrong shape, naming no key it holds', async () => {
    const { repo, key } = await requestOnRedis();
    const texts = { [CANARY]: CANARY, wantedServices: 42 };
    await redis.hset(key, 'description', cipher.seal('r1', JSON.stringify({ texts, confirmedNameHints: [], pendingNameHints: CANARY })));
    expect(await corrupt(repo.get('r1'), 'description', 'r1')).toMatchObject({ problem: 'wrong shape', fields: ['texts', 'pendingNameHints'] });
  });

  it('refuses a description that does not decrypt', async () => {
    const { repo, key } = await requestOnRedis();
    await redis.hset(key, 'description', `v2.k1.${Buffer.from(CANARY).toString('base64')}.${CANARY}.${CANARY}`);
    expect((await corrupt(repo.get('r1'), 'description', 'r1')).problem).toBe('undecryptable');
  });

  it('refuses a feedback answer of the wrong shape wherever it is read', async () => {
    const p = prefix();
    const store = new RedisFeedbackStore(redis, p, cipher, KEYS);
    const answer = { requestId: 'r1', generation: 1, month: '2026-12', unitIds: ['u1'], respondent: 'worker' as const, scores: { clarified: 4 }, comment: '' };
    await store.save('person-a', answer);
    const [id] = await redis.hkeys(`${p}{feedback}:feedback:answers`);
    await redis.hset(`${p}{feedback}:feedback:answers`, id!, cipher.seal(id!, JSON.stringify({ ...answer, comment: undefined, scores: { clarified: CANARY } })));
    expect(await corrupt(store.answerOf('person-a', 'r1', 1), 'feedback answer', id!)).toMatchObject({ problem: 'wrong shape', fields: ['scores', 'comment'] });
    // Read again only to count it, as an answer stored before the month figures is.
    await redis.hdel(`${p}{feedback}:feedback:figured`, id!);
    await corrupt(store.figureOldAnswers(), 'feedback answer', id!);
    await corrupt(store.forgetComments('r1'), 'feedback answer', id!);
  });

  it('refuses an audit entry of the wrong shape', async () => {
    const p = prefix();
    const log = new RedisAuditLog(redis, auditChain(p));
    await log.record({ at: '2026-11-24T10:00:00.000Z', actorId: 'lead', action: 'request.read', requestId: 'r1' });
    const id = await redis.xadd(`${p}{wf}:audit`, '*', 'at', '2026-11-24T10:01:00.000Z', 'actorId', 'lead', 'action', CANARY);
    expect(await corrupt(log.entries(), 'audit entry', id!)).toMatchObject({ problem: 'wrong shape', fields: ['action', 'requestId'] });
  });
});
