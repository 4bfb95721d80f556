import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, WORKER, fixedClock, submission, type Card } from '../support/bot-harness.js';

/** A string that would never occur by chance: if it shows up anywhere, client text leaked there. */
const canary = (field: string) => `Kanarialintu${field}Zq7x`;
const FREE_TEXT = ['senderContact', 'wantedServices', 'receivedServices', 'whatWorked', 'assessmentHighlights'];

async function everyRedisValue(harness: BotHarness): Promise<string[]> {
  const { redis } = harness.bot;
  const values: string[] = [];
  for (const key of await redis.keys(`${harness.prefix}*`)) {
    values.push(key);
    const type = await redis.type(key);
    if (type === 'string') values.push((await redis.get(key)) ?? '');
    if (type === 'hash') values.push(...Object.values(await redis.hgetall(key)));
    if (type === 'zset') values.push(...(await redis.zrange(key, '0', '-1')));
    if (type === 'list') values.push(...(await redis.lrange(key, 0, -1)));
    if (type === 'stream') values.push(...(await redis.xrange(key, '-', '+')).flatMap(([, fields]) => fields));
    if (!['string', 'hash', 'zset', 'list', 'stream'].includes(type)) values.push(`unchecked type ${type}`);
  }
  return values;
}

describe('a canary typed into every free-text field', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));
  const invokeReplies: { to: string; card: Card }[] = [];

  beforeAll(async () => {
    await harness.start();
    const edits = Object.fromEntries(FREE_TEXT.map((f) => [f, `Tekstiä ${canary(f)} tekstiä`]));
    const complete = { ...edits, collaborationUnitIds: 'lastenpsykiatria', consentRecorded: 'true', needConfirmedInTeam: 'true' };
    const form = await harness.newForm(WORKER);
    const saved = await harness.execute(WORKER, Verb.saveDraft, submission(form, Verb.saveDraft, edits));
    invokeReplies.push({ to: WORKER.aadObjectId, card: saved });
    const reopened = await harness.execute(WORKER, Verb.openRequest, { requestId: submission(form, Verb.saveDraft).requestId });
    invokeReplies.push({ to: WORKER.aadObjectId, card: reopened });
    const sent = await harness.execute(WORKER, Verb.submitRequest, submission(reopened, Verb.submitRequest, complete));
    invokeReplies.push({ to: WORKER.aadObjectId, card: sent });
    await harness.say(WORKER, 'omat pyynnöt');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('went through the whole intake, so the checks below saw real traffic', () => {
    expect(JSON.stringify(invokeReplies[1]!.card)).toContain(canary('wantedServices'));
    expect(JSON.stringify(invokeReplies[2]!.card)).toContain('YT-2026-0001');
    expect(harness.logLines.length).toBeGreaterThan(0);
  });

  it.each(FREE_TEXT)('%s appears in no log line', (field) => {
    expect(harness.logLines.filter((line) => line.includes(canary(field)))).toEqual([]);
  });

  it.each(FREE_TEXT)('%s is in no Redis key or value in plaintext', async (field) => {
    const values = await everyRedisValue(harness);
    expect(values.length).toBeGreaterThan(3);
    expect(values.filter((v) => v.includes(canary(field)))).toEqual([]);
    expect(values.filter((v) => v.startsWith('unchecked'))).toEqual([]);
  });

  it('is in no outgoing activity except cards back to the worker who typed it', () => {
    for (const sent of harness.connector.captured) {
      if (sent.conversationId === harness.conversationId(WORKER)) continue;
      for (const field of FREE_TEXT) expect(JSON.stringify(sent.activity)).not.toContain(canary(field));
    }
    expect(invokeReplies.every((r) => r.to === WORKER.aadObjectId)).toBe(true);
  });

  it('is never in the data a card action carries back', () => {
    const actionData: unknown[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        const n = node as Record<string, unknown>;
        if (typeof n.type === 'string' && n.type.startsWith('Action.')) actionData.push(n.data);
        Object.values(n).forEach(collect);
      }
    };
    invokeReplies.forEach((r) => collect(r.card));
    expect(actionData.length).toBeGreaterThan(0);
    for (const field of FREE_TEXT) expect(JSON.stringify(actionData)).not.toContain(canary(field));
  });
});
