import { createHmac, hkdfSync } from 'node:crypto';
import type { FeedbackStore } from '../app/ports.js';
import type { EncryptionKey } from '../config/env.js';
import type { FeedbackAnswer } from '../domain/feedback/feedback.js';
import { monthRange } from '../domain/metrics/unit-metrics.js';
import type { DescriptionCipher } from './description-cipher.js';
import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import { feedbackAnswerSchema } from './schemas/feedback-record.js';
import { openRecord } from './schemas/stored-record.js';

/** Long enough for a year-on-year report. */
const RETENTION_SECONDS = 3 * 366 * 24 * 3600;

/**
 * Each answer lives under a pseudonymous id, an HMAC of meeting and person with a key derived
 * from the encryption key, and is sealed like a description. Who answered is a separate set of
 * person ids per meeting. Ids from every configured key are tried, so an answer given before a
 * key rotation is still edited in place rather than counted twice.
 */
export class RedisFeedbackStore implements FeedbackStore {
  private readonly pseudonymKeys: readonly Buffer[];
  /** All in the `{feedback}` tag: an answer's MULTI writes the answers hash and its sets together. */
  private readonly keys: KeySpace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly cipher: DescriptionCipher,
    keys: readonly EncryptionKey[],
  ) {
    this.keys = new KeySpace(prefix);
    this.pseudonymKeys = keys.map((k) => Buffer.from(hkdfSync('sha256', k.key, Buffer.alloc(0), 'yhteistyobotti feedback respondent', 32)));
  }

  async save(respondentId: string, answer: FeedbackAnswer): Promise<'created' | 'updated'> {
    const existing = await this.existingId(respondentId, answer.requestId, answer.generation);
    const id = existing ?? this.answerId(this.pseudonymKeys[0]!, respondentId, answer.requestId, answer.generation);
    const multi = this.redis
      .multi()
      .hset(this.answersKey(), id, this.cipher.seal(id, JSON.stringify(answer)))
      .sadd(this.monthKey(answer.month), id)
      .expire(this.monthKey(answer.month), RETENTION_SECONDS)
      .sadd(this.requestKey(answer.requestId), id)
      .expire(this.requestKey(answer.requestId), RETENTION_SECONDS);
    if (respondentId !== 'client') {
      multi.sadd(this.respondentsKey(answer.requestId, answer.generation), respondentId).expire(this.respondentsKey(answer.requestId, answer.generation), RETENTION_SECONDS);
    }
    await multi.exec();
    return existing ? 'updated' : 'created';
  }

  async answerOf(respondentId: string, requestId: string, generation: number): Promise<FeedbackAnswer | undefined> {
    const id = await this.existingId(respondentId, requestId, generation);
    const sealed = id ? await this.redis.hget(this.answersKey(), id) : null;
    return id && sealed ? this.open(id, sealed) : undefined;
  }

  async respondents(requestId: string, generation: number): Promise<string[]> {
    return this.redis.smembers(this.respondentsKey(requestId, generation));
  }

  async answersFor(unitIds: readonly string[], fromMonth: string, toMonth: string): Promise<FeedbackAnswer[]> {
    const wanted = new Set(unitIds);
    // Twenty years of months at the most: a wild range is never spelled out.
    const months = monthRange(fromMonth, toMonth, 240) ?? [];
    if (months.length === 0) return [];
    // One round trip for the months' members, one for their answers, however long the period.
    const ids = await this.redis.sunion(...months.map((m) => this.monthKey(m)));
    if (ids.length === 0) return [];
    const sealed = await this.redis.hmget(this.answersKey(), ...ids);
    return ids.flatMap((id, i) => {
      const value = sealed[i];
      if (!value) return [];
      const answer = this.open(id, value);
      return answer.unitIds.some((u) => wanted.has(u)) ? [answer] : [];
    });
  }

  async forgetComments(requestId: string): Promise<void> {
    for (const id of await this.redis.smembers(this.requestKey(requestId))) {
      const sealed = await this.redis.hget(this.answersKey(), id);
      if (!sealed) continue;
      const answer = this.open(id, sealed);
      if (answer.comment) await this.redis.hset(this.answersKey(), id, this.cipher.seal(id, JSON.stringify({ ...answer, comment: '' })));
    }
  }

  private open(id: string, sealed: string): FeedbackAnswer {
    return openRecord(this.cipher, feedbackAnswerSchema, 'feedback answer', id, sealed);
  }

  private async existingId(respondentId: string, requestId: string, generation: number): Promise<string | undefined> {
    for (const key of this.pseudonymKeys) {
      const id = this.answerId(key, respondentId, requestId, generation);
      if (await this.redis.hexists(this.answersKey(), id)) return id;
    }
    return undefined;
  }

  private answerId(key: Buffer, respondentId: string, requestId: string, generation: number): string {
    return createHmac('sha256', key).update(`${requestId}|${generation}|${respondentId}`).digest('base64url');
  }

  private answersKey(): string {
    return this.keys.feedbackAnswers();
  }

  private monthKey(month: string): string {
    return this.keys.feedbackMonth(month);
  }

  private requestKey(requestId: string): string {
    return this.keys.feedbackRequest(requestId);
  }

  private respondentsKey(requestId: string, generation: number): string {
    return this.keys.feedbackRespondents(requestId, generation);
  }
}
