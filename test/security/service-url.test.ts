import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotSdk } from '../../src/bot/sdk/create-bot-sdk.js';
import { SDK_UNDER_TEST } from '../support/bot-sdk.js';
import { serviceUrlAllowed } from '../../src/bot/inbound-guard.js';
import { ProactiveSender } from '../../src/bot/proactive-sender.js';
import { ConfigError, loadConfig } from '../../src/config/env.js';
import { BotHarness, WORKER, fixedClock } from '../support/bot-harness.js';
import { LoopbackConnector } from '../support/loopback-connector.js';

/** The effect worker's own bookkeeping, written whenever it gets round to it. */
const HOUSEKEEPING = /\{bull\}:effects:(meta|stalled-check)$/;

const TEAMS = ['smba.trafficmanager.net', '*.smba.trafficmanager.net'];
const silent = { error: () => undefined, warn: () => undefined, debug: () => undefined };
const card = { type: 'AdaptiveCard', version: '1.5', body: [] } as never;

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
};

describe('the serviceUrl allowlist', () => {
  it("takes Teams' connector over HTTPS, its regional hosts included, and nothing that only looks like it", () => {
    expect(serviceUrlAllowed('https://smba.trafficmanager.net/emea/', TEAMS)).toBe(true);
    expect(serviceUrlAllowed('https://emea.smba.trafficmanager.net/teams/', TEAMS)).toBe(true);
    expect(serviceUrlAllowed('http://smba.trafficmanager.net/emea/', TEAMS)).toBe(false);
    expect(serviceUrlAllowed('https://smba.trafficmanager.net.attacker.example/', TEAMS)).toBe(false);
    expect(serviceUrlAllowed('https://evilsmba.trafficmanager.net/', TEAMS)).toBe(false);
    expect(serviceUrlAllowed('https://user:pass@smba.trafficmanager.net/emea/', TEAMS)).toBe(false);
    expect(serviceUrlAllowed('not a url', TEAMS)).toBe(false);
    expect(serviceUrlAllowed(undefined, TEAMS)).toBe(false);
  });

  it('takes plain HTTP only to a loopback host on the list', () => {
    expect(serviceUrlAllowed('http://127.0.0.1:3978/', ['127.0.0.1'])).toBe(true);
    expect(serviceUrlAllowed('http://127.0.0.1:3978/', TEAMS)).toBe(false);
    expect(serviceUrlAllowed('http://connector.example/', ['connector.example'])).toBe(false);
  });

  it("defaults to Teams' connector, with loopback outside production, and refuses test settings in production", () => {
    expect(loadConfig({}).bot.serviceUrlHosts).toEqual([...TEAMS, 'localhost', '127.0.0.1']);
    const production = {
      NODE_ENV: 'production',
      MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
      MicrosoftAppPassword: 'x',
      MicrosoftAppTenantId: '00000000-0000-4000-8000-00000000aaaa',
      DATA_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
      PUBLIC_BASE_URL: 'https://yhteistyobotti.example',
    };
    expect(loadConfig(production).bot.serviceUrlHosts).toEqual(TEAMS);
    expect(problems({ ...production, BOT_OPENID_METADATA_URL: 'http://127.0.0.1:1/openid' })).toEqual(['BOT_OPENID_METADATA_URL: tests only, refused in production']);
    expect(problems({ ...production, BOT_SERVICE_URL_HOSTS: 'smba.trafficmanager.net,localhost' })).toEqual([
      'BOT_SERVICE_URL_HOSTS: loopback hosts are refused in production',
    ]);
    expect(problems({ BOT_SERVICE_URL_HOSTS: 'https://smba.trafficmanager.net/' })).toHaveLength(1);
  });
});

describe('an activity from a host off the list, in local mode too', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'), { BOT_SERVICE_URL_HOSTS: 'localhost' });

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('is refused with 403, and nothing is stored or sent', async () => {
    const stored = async () => (await harness.bot.redis.keys(`${harness.prefix}*`)).filter((key) => !key.startsWith(`${harness.prefix}rate:`) && !HOUSEKEEPING.test(key)).sort();
    const before = await stored();
    const reply = await harness.post(harness.activity(WORKER, { type: 'message', text: 'hei' }));
    expect(reply).toEqual({ status: 403, body: { error: 'forbidden' } });
    expect(await stored()).toEqual(before);
    expect(harness.connector.captured).toEqual([]);
  });
});

describe('a proactive message to a stored conversation reference', () => {
  const connector = new LoopbackConnector();
  const reference = () => JSON.stringify({ serviceUrl: connector.url, conversation: { id: 'a:personal-1' }, channelId: 'msteams', bot: { id: '28:bot' } });

  beforeAll(async () => {
    await connector.start();
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('goes out when the reference names a host on the list', async () => {
    const sender = new ProactiveSender(createBotSdk(SDK_UNDER_TEST, { appId: undefined, appPassword: undefined, tenantId: undefined, appType: 'SingleTenant' }, silent), ['127.0.0.1']);
    expect(await sender.send(reference(), card)).toMatchObject({ ok: true });
    expect(connector.captured).toHaveLength(1);
  });

  it('is not sent when the reference names a host off the list, as one stored before the list changed may', async () => {
    connector.clear();
    const attempts = connector.attempts.length;
    const sender = new ProactiveSender(createBotSdk(SDK_UNDER_TEST, { appId: undefined, appPassword: undefined, tenantId: undefined, appType: 'SingleTenant' }, silent), TEAMS);
    expect(await sender.send(reference(), card)).toEqual({ ok: false, failure: 'no_conversation' });
    expect(await sender.update(reference(), 'sent-1', card)).toEqual({ ok: false, failure: 'no_conversation' });
    expect(connector.attempts).toHaveLength(attempts);
    expect(connector.captured).toEqual([]);
  });
});
