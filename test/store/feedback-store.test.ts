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
    expect(await store([NEW_KEY, OLD_KEY]).monthFigures(['terveysasemat'], ['2026-12'])).toEqual([[{ workerAnswers: 1, 'q.clarified.sum': 5, 'q.clarified.n': 1 }]]);
  });

  it("counts answers by the meeting's units and month, and forgets comments at the end of retention with the figures kept", async () => {
    await store([NEW_KEY, OLD_KEY]).save('client', { ...answer({ client: 3 }), respondent: 'client' });
    await store([NEW_KEY, OLD_KEY]).save('someone-else', answer({ clarified: 1 }, 'a comment'));
    const december = [{ workerAnswers: 2, 'q.clarified.sum': 6, 'q.clarified.n': 2, 'client.sum': 3, 'client.n': 1 }];
    expect(await store([NEW_KEY, OLD_KEY]).monthFigures(['lastenpsykiatria', 'perhesosiaalityo'], ['2026-12'])).toEqual([[{}], december]);
    await store([NEW_KEY, OLD_KEY]).forgetComments('request-0000000001');
    expect((await store([NEW_KEY, OLD_KEY]).answerOf('someone-else', 'request-0000000001', 1))?.comment).toBe('');
    expect(await store([NEW_KEY, OLD_KEY]).monthFigures(['perhesosiaalityo'], ['2026-12'])).toEqual([december]);
  });

  it('counts the answers stored before the month figures once, expiring with their month', async () => {
    const p = `test:${randomUUID()}:`;
    const old = new RedisFeedbackStore(redis, p, new DescriptionCipher([OLD_KEY]), [OLD_KEY]);
    await old.save(PERSON, answer({ clarified: 4 }));
    await old.save('client', { ...answer({ client: 5 }), respondent: 'client' });
    await old.save('other', { ...answer({ clarified: 2 }), month: '2026-11', unitIds: ['terveysasemat'] });
    // As an earlier release left them: the answers and their month sets, nothing counted.
    const figureKeys = await redis.keys(`${p}{feedback}:unit:*`);
    await redis.del(`${p}{feedback}:feedback:figured`, ...figureKeys);
    expect(await old.monthFigures(['perhesosiaalityo'], ['2026-12'])).toEqual([[{}]]);

    expect(await old.figureOldAnswers()).toBe(3);
    expect(await old.figureOldAnswers()).toBe(0);
    expect(await old.monthFigures(['perhesosiaalityo', 'terveysasemat'], ['2026-11', '2026-12'])).toEqual([
      [{}, { workerAnswers: 1, 'q.clarified.sum': 4, 'q.clarified.n': 1, 'client.sum': 5, 'client.n': 1 }],
      [{ workerAnswers: 1, 'q.clarified.sum': 2, 'q.clarified.n': 1 }, { workerAnswers: 1, 'q.clarified.sum': 4, 'q.clarified.n': 1, 'client.sum': 5, 'client.n': 1 }],
    ]);
    // Edited afterwards: the difference only.
    await old.save(PERSON, answer({ clarified: 1 }));
    expect((await old.monthFigures(['perhesosiaalityo'], ['2026-12']))[0]?.[0]).toMatchObject({ workerAnswers: 1, 'q.clarified.sum': 1 });
    const ttl = await redis.pttl(`${p}{feedback}:feedback:month:2026-11`);
    expect(await redis.pttl(`${p}{feedback}:unit:terveysasemat:month:2026-11:feedback-figures`)).toBeGreaterThan(ttl - 60_000);
    const keys = await redis.keys(`${p}*`);
    await redis.del(...keys);
  });
});
