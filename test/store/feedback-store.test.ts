import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackAnswer } from '../../src/domain/feedback/feedback.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisFeedbackStore } from '../../src/store/redis-feedback-store.js';

const OLD_KEY = { id: 'k1', key: Buffer.alloc(32, 1) };
const NEW_KEY = { id: 'k2', key: Buffer.alloc(32, 2) };
const PERSON = '00000000-0000-4000-8000-000000000101';
const answer = (scores: Record<string, number>, comment = ''): FeedbackAnswer => ({
  requestId: 'request-0000000001',
  generation: 1,
  month: '2026-12',
  unitIds: ['perhesosiaalityo', 'terveysasemat'],
  respondent: 'worker',
  scores,
  comment,
});

describe('feedback store on Redis', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const prefix = `test:${randomUUID()}:`;
  const store = (keys = [OLD_KEY]) => new RedisFeedbackStore(redis, prefix, new DescriptionCipher(keys), keys);
  beforeAll(async () => {
    await redis.ping();
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('keeps one answer per person per meeting, replaced when given again, and knows who answered but not what', async () => {
    expect(await store().save(PERSON, answer({ clarified: 2 }, 'CANARY-COMMENT-7'))).toBe('created');
    expect(await store().save(PERSON, answer({ clarified: 4 }))).toBe('updated');
    expect((await store().answerOf(PERSON, 'request-0000000001', 1))?.scores).toEqual({ clarified: 4 });
    expect(await store().respondents('request-0000000001', 1)).toEqual([PERSON]);
    const everything = JSON.stringify(await redis.hgetall(`${prefix}{feedback}:feedback:answers`));
    expect(everything).not.toContain(PERSON);
    expect(everything).not.toContain('clarified');
  });

  it('edits an answer given before a key rotation instead of counting it twice', async () => {
    expect(await store([NEW_KEY, OLD_KEY]).save(PERSON, answer({ clarified: 5 }))).toBe('updated');
    expect(await store([NEW_KEY, OLD_KEY]).answersFor(['terveysasemat'], '2026-11', '2027-01')).toHaveLength(1);
  });

  it("finds answers by the meeting's units and month, and forgets comments at the end of retention", async () => {
    await store([NEW_KEY, OLD_KEY]).save('client', { ...answer({ client: 3 }), respondent: 'client' });
    await store([NEW_KEY, OLD_KEY]).save('someone-else', answer({ clarified: 1 }, 'a comment'));
    expect(await store([NEW_KEY, OLD_KEY]).answersFor(['lastenpsykiatria'], '2026-01', '2027-12')).toEqual([]);
    expect(await store([NEW_KEY, OLD_KEY]).answersFor(['perhesosiaalityo'], '2027-01', '2027-03')).toEqual([]);
    expect(await store([NEW_KEY, OLD_KEY]).answersFor(['perhesosiaalityo'], '2026-12', '2026-12')).toHaveLength(3);
    await store([NEW_KEY, OLD_KEY]).forgetComments('request-0000000001');
    const after = await store([NEW_KEY, OLD_KEY]).answersFor(['perhesosiaalityo'], '2026-12', '2026-12');
    expect(after.map((a) => a.comment)).toEqual(['', '', '']);
    expect(after.map((a) => Object.values(a.scores)[0]).sort()).toEqual([1, 3, 5]);
  });
});
