import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, OTHER_WORKER, SUPERVISOR, WORKER, cardOf, fixedClock, invokeAnswer, texts, type TestUser } from '../support/bot-harness.js';
import { catalogPattern, fiText } from '../support/catalog-text.js';

const TOO_MANY_FI = catalogPattern('errors.rateLimited', { seconds: /(\d+)/ });

describe('the per-person limit', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'), { RATE_LIMIT_PER_USER: '5', RATE_LIMIT_WINDOW_SECONDS: '4' });
  const sentTo = (user: TestUser) => harness.sentTo(harness.conversationId(user)).filter((s) => s.method === 'POST');
  const hello = (user: TestUser) => harness.post(harness.activity(user, { type: 'message', text: 'hei' }));
  const click = (user: TestUser) =>
    harness.post(harness.activity(user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: Verb.help, data: {} } } }));

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('tells a person who floods the bot to wait, once, in Finnish, and serves everyone else meanwhile', async () => {
    for (let i = 0; i < 5; i++) expect((await hello(WORKER)).status).toBe(200);
    expect(sentTo(WORKER).map((s) => cardOf(s.activity)).filter(Boolean)).toHaveLength(5);
    for (let i = 0; i < 4; i++) expect((await hello(WORKER)).status).toBe(200);
    const told = sentTo(WORKER).slice(5);
    expect(told).toHaveLength(1);
    expect(String(told[0]!.activity.text)).toMatch(TOO_MANY_FI);
    expect(invokeAnswer((await click(WORKER)).body)).toMatch(TOO_MANY_FI);
    await hello(SUPERVISOR);
    expect(texts(cardOf(sentTo(SUPERVISOR).at(-1)!.activity)!)[0]).toBe(fiText('welcome.title', { name: SUPERVISOR.name }));
    expect(harness.logLines.filter((line) => line.includes('a person went over the rate limit'))).toHaveLength(1);
  });

  it('serves the person again once the window has passed', async () => {
    const answer = invokeAnswer((await click(WORKER)).body) as string;
    const seconds = Number(TOO_MANY_FI.exec(answer)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(4);
    await sleep(seconds * 1000 + 100);
    expect(typeof invokeAnswer((await click(WORKER)).body)).toBe('object');
  });

  it("says it in the person's own language", async () => {
    await harness.say(OTHER_WORKER, 'svenska');
    for (let i = 0; i < 4; i++) await click(OTHER_WORKER);
    expect(invokeAnswer((await click(OTHER_WORKER)).body)).toMatch(catalogPattern('errors.rateLimited', { seconds: /\d+/ }, 'sv'));
  });
});

describe('the per-address limit', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'), { RATE_LIMIT_PER_IP: '10', RATE_LIMIT_WINDOW_SECONDS: '60' });
  const raw = (body: string) => fetch(`${harness.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('answers 429 with Retry-After once an address has sent its share, before reading what it sent', async () => {
    for (let i = 0; i < 10; i++) expect((await raw(JSON.stringify(harness.activity(WORKER, { type: 'message', text: 'hei' })))).status).toBe(200);
    const refused = await raw(JSON.stringify(harness.activity(WORKER, { type: 'message', text: 'hei' })));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ error: 'too_many_requests' });
    // Malformed JSON would be a 400 if it were parsed.
    expect((await raw('{oops')).status).toBe(429);
    expect(harness.connector.captured).toHaveLength(10);
  });

  it('leaves the health probes alone', async () => {
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
  });
});

describe('the limits while Redis does not answer', () => {
  // Nothing listens on port 1: the counters cannot be read, and a limit of one must not refuse everyone.
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'), { REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_PER_USER: '1', RATE_LIMIT_PER_IP: '1' });

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('lets activities through and warns the operator', async () => {
    for (let i = 0; i < 3; i++) expect(texts(await harness.say(WORKER, 'hei'))[0]).toBe(fiText('welcome.title', { name: WORKER.name }));
    const warnings = harness.logLines.filter((line) => line.includes('rate limit unavailable'));
    expect(warnings.length).toBeGreaterThanOrEqual(6);
    expect(warnings.map((line) => JSON.parse(line).limit)).toEqual(expect.arrayContaining(['ip', 'user']));
  });
});
