import type { BotFrameworkAuthentication } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import type { TurnHandlers } from '../../src/bot/sdk/bot-sdk.js';
import { createBotbuilderAdapter } from '../../src/bot/sdk/botbuilder/checked-cloud-adapter.js';
import { createBotSdk } from '../../src/bot/sdk/create-bot-sdk.js';
import { BotHarness, TENANT, WORKER, cardOf, invokeAnswer, texts } from '../support/bot-harness.js';
import { BOT_APP_ID, ConnectorIdentity, cacheOutboundToken, unsignedToken } from '../support/connector-identity.js';
import { fiText } from '../support/catalog-text.js';
import { SDK_UNDER_TEST } from '../support/bot-sdk.js';

/** The effect worker's own bookkeeping, written whenever it gets round to it. */
const HOUSEKEEPING = /\{bull\}:effects:(meta|stalled-check)$/;

const OTHER_TENANT = '00000000-0000-4000-8000-00000000bbbb';
const silent = { error: () => undefined, warn: () => undefined, debug: () => undefined };

describe('inbound authentication with Bot Framework credentials', () => {
  const identity = new ConnectorIdentity();
  let harness: BotHarness;
  let serviceUrl = '';

  /** What the bot keeps: everything under its prefix but the rate-limit counters every request moves, and the worker's bookkeeping. */
  const stored = async () => (await harness.bot.redis.keys(`${harness.prefix}*`)).filter((key) => !key.startsWith(`${harness.prefix}rate:`) && !HOUSEKEEPING.test(key)).sort();
  const hello = (fields: Record<string, unknown> = {}) => harness.activity(WORKER, { type: 'message', text: 'hei', ...fields });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  /** Refused with `status`, a body without reasons, nothing stored and nothing sent. */
  const expectRefused = async (activity: Record<string, unknown>, headers: Record<string, string>, status: 401 | 403) => {
    const before = await stored();
    const reply = await harness.post(activity, headers);
    expect(reply).toEqual({ status, body: { error: status === 401 ? 'unauthorized' : 'forbidden' } });
    expect(await stored()).toEqual(before);
    expect(harness.connector.captured).toEqual([]);
  };

  beforeAll(async () => {
    await identity.start();
    harness = new BotHarness(undefined, {
      MicrosoftAppId: BOT_APP_ID,
      MicrosoftAppPassword: 'loopback-secret',
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppType: 'SingleTenant',
      BOT_OPENID_METADATA_URL: identity.metadataUrl,
    });
    await harness.start();
    serviceUrl = harness.connector.url;
    cacheOutboundToken();
  });
  afterAll(async () => {
    await harness.stop();
    await identity.stop();
  });

  it('answers an activity signed by the Bot Connector for this bot, and remembers the conversation', async () => {
    const reply = await harness.post(hello(), bearer(await identity.channelToken(serviceUrl)));
    expect(reply.status).toBe(200);
    expect(texts(cardOf(harness.connector.captured.at(-1)?.activity)!)[0]).toBe(fiText('welcome.title', { name: WORKER.name }));
    expect(await harness.bot.redis.exists(`${harness.prefix}conversation:user:${WORKER.aadObjectId}`)).toBe(1);
    const click = await harness.post(
      harness.activity(WORKER, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: Verb.help, data: {} } } }),
      bearer(await identity.channelToken(serviceUrl)),
    );
    expect(click.status).toBe(200);
    expect(typeof invokeAnswer(click.body)).toBe('object');
    // Our check (and botbuilder's, under botbuilder) each read the metadata and the keys once, and keep them.
    const readings = SDK_UNDER_TEST === 'botbuilder' ? 2 : 1;
    expect(identity.fetched).toEqual(Array.from({ length: readings }, () => ['/v1/.well-known/openidconfiguration', '/v1/keys']).flat());
    harness.connector.clear();
    await harness.deleteKeys();
  });

  it('refuses an activity without a token, or with another scheme', async () => {
    await expectRefused(hello(), {}, 401);
    await expectRefused(hello(), { authorization: `Basic ${Buffer.from('bot:secret').toString('base64')}` }, 401);
    await expectRefused(hello(), { authorization: 'Bearer not-a-token' }, 401);
  });

  it('refuses a token that expired more than the five minutes botbuilder tolerates', async () => {
    await expectRefused(hello(), bearer(await identity.channelToken(serviceUrl, {}, { expiresIn: -600 })), 401);
  });

  it('refuses a token addressed to another bot', async () => {
    await expectRefused(hello(), bearer(await identity.channelToken(serviceUrl, { aud: '99999999-2222-4333-8444-555555555555' })), 401);
  });

  it('refuses a token from another issuer', async () => {
    await expectRefused(hello(), bearer(await identity.channelToken(serviceUrl, { iss: 'https://api.botframework.com.example.net' })), 401);
    await expectRefused(hello(), bearer(await identity.channelToken(serviceUrl, { iss: `https://sts.windows.net/${TENANT}/` })), 401);
  });

  it('refuses a token signed with a key the metadata does not publish, under its key id or its own, with 401 and not 500', async () => {
    await expectRefused(hello(), bearer(await identity.channelToken(serviceUrl, {}, { foreignKey: 'same-kid' })), 401);
    await expectRefused(hello(), bearer(await identity.channelToken(serviceUrl, {}, { foreignKey: 'own-kid' })), 401);
    await expectRefused(hello(), bearer(unsignedToken({ iss: 'https://api.botframework.com', aud: BOT_APP_ID, serviceurl: serviceUrl })), 401);
  });

  it('refuses an activity whose serviceUrl is not the one the token was issued for', async () => {
    const token = await identity.channelToken('https://smba.trafficmanager.net/emea/');
    await expectRefused(hello(), bearer(token), 401);
    await expectRefused(hello(), bearer(await identity.channelToken(serviceUrl, { serviceurl: undefined })), 401);
  });

  it("refuses an Entra (emulator-style) token carrying the bot's own id", async () => {
    await expectRefused(hello(), bearer(await identity.emulatorToken()), 401);
  });

  it.runIf(SDK_UNDER_TEST === 'botbuilder')('keeps out the emulator-style token botbuilder alone would accept', async () => {
    const token = await identity.emulatorToken();
    // The reason for the pre-filter: botbuilder's emulator path checks neither audience nor serviceUrl.
    const adapter = createBotbuilderAdapter({ appId: BOT_APP_ID, appPassword: 'x', tenantId: TENANT, appType: 'SingleTenant', openIdMetadataUrl: identity.metadataUrl }, silent);
    const botbuilderAlone = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
    const activity = { ...hello(), serviceUrl: 'https://attacker.example/' } as never;
    expect(await botbuilderAlone.authenticateRequest(activity, `Bearer ${token}`)).toBeDefined();
    expect(await adapter.authenticate(activity, `Bearer ${token}`, silent)).toBeUndefined();
  });

  it('refuses every activity, with a warning and a 401, while the signing keys cannot be read', async () => {
    const warnings: string[] = [];
    const log = { ...silent, warn: (_fields: object, message: string) => void warnings.push(message) };
    const sdk = createBotSdk(SDK_UNDER_TEST, { appId: BOT_APP_ID, appPassword: 'x', tenantId: TENANT, appType: 'SingleTenant', openIdMetadataUrl: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration' }, log);
    const unreached = {} as TurnHandlers;
    expect(await sdk.serving(unreached)(hello() as never, `Bearer ${await identity.channelToken(serviceUrl)}`, log)).toBeUndefined();
    expect(warnings).toEqual(['Bot Connector signing keys unavailable']);
  });

  it('refuses a validly signed activity from another tenant, or naming none', async () => {
    const token = bearer(await identity.channelToken(serviceUrl));
    await expectRefused(hello({ channelData: { tenant: { id: OTHER_TENANT } }, conversation: { id: harness.conversationId(WORKER), conversationType: 'personal', tenantId: OTHER_TENANT } }), token, 403);
    await expectRefused(hello({ channelData: { tenant: { id: OTHER_TENANT } } }), token, 403);
    await expectRefused(hello({ channelData: {}, conversation: { id: harness.conversationId(WORKER), conversationType: 'personal' } }), token, 403);
  });

  it('refuses a validly signed activity whose serviceUrl is not a Bot Connector host on the allowlist', async () => {
    const elsewhere = 'https://connector.attacker.example/';
    await expectRefused(hello({ serviceUrl: elsewhere }), bearer(await identity.channelToken(elsewhere)), 403);
  });

  it('still answers a valid activity after all of that', async () => {
    const reply = await harness.post(hello(), bearer(await identity.channelToken(serviceUrl)));
    expect(reply.status).toBe(200);
    expect(harness.connector.captured).toHaveLength(1);
  });
});
