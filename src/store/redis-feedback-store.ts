import { createHmac, hkdfSync } from 'node:crypto';
import type { FeedbackStore } from '../app/ports.js';
import type { EncryptionKey } from '../config/env.js';
import type { FeedbackAnswer } from '../domain/feedback/feedback.js';
import { answerContributions, figureDelta, type MonthCounters } from '../domain/metrics/month-figures.js';
import type { DescriptionCipher } from './description-cipher.js';
import { KeySpace, globEscaped } from './key-space.js';
import { ADD_FIGURES_LUA, decodeFigures, encodeFigures, figureArgs, readMonthFigures } from './month-figures.js';
import { scanKeys, type RedisClient } from './redis-connection.js';
import { repliesOf } from './redis-replies.js';
import { feedbackAnswerSchema } from './schemas/feedback-record.js';
import { openRecord } from './schemas/stored-record.js';

/** Long enough for a year-on-year report. */
const RETENTION_SECONDS = 3 * 366 * 24 * 3600;

/** A save tried again this often when other saves of the same answer keep coming in between. */
const SAVE_ATTEMPTS = 5;

/** How many answers the one-time counting of answers stored before the month figures reads at a time. */
const FIGURING_BATCH = 500;

/**
 * Writes an answer with the sets that find it and adds what it changes to its units' month
 * figures, in one step. KEYS: the answers, the meeting month's set, the request's set, the meeting's
 * respondents, what was counted per answer, then the figures (ARGV[8] of them). ARGV: the answer's
 * id, the sealed answer, the retention in seconds, the respondent ('' for the client, who is not
 * listed), what was counted for the answer as read ('' for nothing), what it counts for now, then
 * add_figures' changes. 'changed' when another write counted the answer since it was read.
 */
const SAVE_ANSWER = `${ADD_FIGURES_LUA}
if (redis.call('HGET', KEYS[5], ARGV[1]) or '') ~= ARGV[5] then return 'changed' end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
for i = 2, 3 do
  redis.call('SADD', KEYS[i], ARGV[1])
  redis.call('EXPIRE', KEYS[i], ARGV[3])
end
if ARGV[4] ~= '' then
  redis.call('SADD', KEYS[4], ARGV[4])
  redis.call('EXPIRE', KEYS[4], ARGV[3])
end
redis.call('HSET', KEYS[5], ARGV[1], ARGV[6])
add_figures(6, cjson.decode(ARGV[7]))
for i = 6, #KEYS do redis.call('EXPIRE', KEYS[i], ARGV[3]) end
return 'written'`;

/**
 * Counts an answer stored before the month figures, once: KEYS are what was counted per answer,
 * the answer's month set, then the figures; ARGV the answer's id, what it counts for, add_figures'
 * changes. The figures expire with the month's set, as the answers they count are found by it.
 */
const FIGURE_OLD_ANSWER = `${ADD_FIGURES_LUA}
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'counted' end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
add_figures(3, cjson.decode(ARGV[3]))
local ttl = redis.call('PTTL', KEYS[2])
for i = 3, #KEYS do
  if ttl > 0 and redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return 'written'`;

/**
 * Each answer lives under a pseudonymous id, an HMAC of meeting and person with a key derived
 * from the encryption key, and is sealed like a description. Who answered is a separate set of
 * person ids per meeting. Ids from every configured key are tried, so an answer given before a
 * key rotation is still edited in place rather than counted twice.
 *
 * Each write adds what the answer changes to its units' month figures (`answerContributions`), in
 * the same script, and keeps per answer what was counted for it; reports read the figures only.
 * The figures expire with the month's answers, a retention after the last answer to that month.
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
    const sealed = this.cipher.seal(id, JSON.stringify(answer));
    const counted = answerContributions(answer);
    // Another save of the same answer in between is one of the person's own clicks: count again from what it left.
    for (let attempt = 1; ; attempt += 1) {
      const figured = await this.redis.hget(this.figuredKey(), id);
      const figures = figureArgs(figureDelta(counted, decodeFigures(figured)), (unitId, month) => this.figuresKey(unitId, month));
      const keys = [this.answersKey(), this.monthKey(answer.month), this.requestKey(answer.requestId), this.respondentsKey(answer.requestId, answer.generation), this.figuredKey(), ...figures.keys];
      const args = [id, sealed, RETENTION_SECONDS, respondentId === 'client' ? '' : respondentId, figured ?? '', encodeFigures(counted), figures.changes];
      if ((await this.redis.eval(SAVE_ANSWER, keys.length, ...keys, ...args)) === 'written') return existing ? 'updated' : 'created';
      if (attempt === SAVE_ATTEMPTS) throw new Error('feedback answer changed by other saves on every try');
    }
  }

  async answerOf(respondentId: string, requestId: string, generation: number): Promise<FeedbackAnswer | undefined> {
    const id = await this.existingId(respondentId, requestId, generation);
    const sealed = id ? await this.redis.hget(this.answersKey(), id) : null;
    return id && sealed ? this.open(id, sealed) : undefined;
  }

  async respondents(requestId: string, generation: number): Promise<string[]> {
    return this.redis.smembers(this.respondentsKey(requestId, generation));
  }

  /** One round trip for every unit and month asked, however many answers they count. */
  monthFigures(unitIds: readonly string[], months: readonly string[]): Promise<MonthCounters[][]> {
    return readMonthFigures(this.redis, (unitId, month) => this.figuresKey(unitId, month), unitIds, months);
  }

  /**
   * Counts in the month figures, once each, the answers stored before them (and any an older
   * instance saved during a rolling deploy): those in a month's set with nothing counted for them.
   * Idempotent and safe beside saves, which count an answer in the same step as they mark it.
   * Resolves to how many were counted.
   */
  async figureOldAnswers(): Promise<number> {
    let counted = 0;
    await scanKeys(this.redis, `${globEscaped(this.monthKey(''))}*`, async (monthKeys) => {
      for (const monthKey of monthKeys) counted += await this.figureMonth(monthKey);
    }, FIGURING_BATCH);
    return counted;
  }

  private async figureMonth(monthKey: string): Promise<number> {
    let counted = 0;
    let cursor = '0';
    do {
      const [next, ids] = await this.redis.sscan(monthKey, cursor, 'COUNT', FIGURING_BATCH);
      cursor = next;
      if (ids.length === 0) continue;
      const figured = await this.redis.hmget(this.figuredKey(), ...ids);
      const unfigured = ids.filter((_, i) => figured[i] === null);
      if (unfigured.length === 0) continue;
      const sealed = await this.redis.hmget(this.answersKey(), ...unfigured);
      const write = this.redis.pipeline();
      unfigured.forEach((id, i) => {
        const value = sealed[i];
        if (!value) return;
        const contributions = answerContributions(this.open(id, value));
        const figures = figureArgs(contributions, (unitId, month) => this.figuresKey(unitId, month));
        write.eval(FIGURE_OLD_ANSWER, 2 + figures.keys.length, this.figuredKey(), monthKey, ...figures.keys, id, encodeFigures(contributions), figures.changes);
      });
      if (write.length > 0) counted += (await repliesOf<string>(write)).filter((outcome) => outcome === 'written').length;
    } while (cursor !== '0');
    return counted;
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

  /** Answer id → what was counted for it in the month figures. */
  private figuredKey(): string {
    return this.keys.feedbackFigured();
  }

  private figuresKey(unitId: string, month: string): string {
    return this.keys.monthFeedbackFigures(unitId, month);
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
