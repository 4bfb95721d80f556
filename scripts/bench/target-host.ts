import { ActivityHandler, CallerIdConstants, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AppCredentials } from 'botframework-connector';
import express, { type Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/env.js';
import { composeBot } from '../../src/compose/bot.js';
import { TENANT } from '../../test/support/bot-harness.js';
import { BENCH_APP_ID, BENCH_APP_PASSWORD, CHANNEL_ISSUER, CHANNEL_SCOPE } from './channel-auth.js';
import { hostSettingsOf, type HostReport } from './hosts.js';

/**
 * One bot under load in a process of its own (`tsx scripts/bench/target-host.ts`): ours as
 * `composeBot` builds it, or a plain botbuilder echo bot behind the same express body parsing.
 * The load generator lives in the parent, so the bot's event loop and heap are the bot's alone.
 */

// The limit src/http/server.ts gives express.json(), so both bots parse alike.
const BODY_LIMIT = '256kb';

const settings = hostSettingsOf(process.env);

/**
 * botbuilder's own settings for a bot that checks the channel's tokens against the loopback
 * OpenID document: the same as ours takes from BOT_OPENID_METADATA_URL (src/bot/message-endpoint.ts).
 */
const channelAuthSettings = (metadataUrl: string) => ({
  MicrosoftAppId: BENCH_APP_ID,
  MicrosoftAppPassword: BENCH_APP_PASSWORD,
  MicrosoftAppTenantId: TENANT,
  MicrosoftAppType: 'SingleTenant',
  ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
  ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: CHANNEL_SCOPE,
  OAuthUrl: CHANNEL_SCOPE,
  CallerId: CallerIdConstants.PublicAzureChannel,
  ValidateAuthority: true,
});

/** Where botbuilder keeps the tokens it fetched for replies, by app id and scope (private in its typings). */
type TokenCache = Map<string, { accessToken: string; expiresOn: Date }>;

/**
 * A bot with an app id fetches a token before its first reply and then reuses it for an hour;
 * loopback has no Entra ID to ask, so the cache botbuilder keeps it in starts filled, which is
 * the steady state the measured seconds would see anyway.
 */
function fillReplyTokenCache(): void {
  const cache = (AppCredentials as unknown as { cache: TokenCache }).cache;
  cache.set(`${BENCH_APP_ID}${CHANNEL_SCOPE}-cache`, { accessToken: 'bench-reply-token', expiresOn: new Date(Date.now() + 2 * 3600_000) });
}

/**
 * A card of about the size ours answers with (a dozen text lines and a button, some 2 KB),
 * made once: the echo does the wire work of a reply — one Adaptive Card — and none of the work
 * of deciding what it says.
 */
const echoCard = (echoed: string) => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text: echoed, wrap: true, weight: 'Bolder' }, ...ECHO_LINES],
  actions: [{ type: 'Action.Execute', title: 'Avaa', verb: 'openCase', data: { requestId: 'echo' } }],
});
const ECHO_LINES = Array.from({ length: 12 }, (_, i) => ({ type: 'TextBlock', wrap: true, text: `Rivi ${i + 1}: kaiku vastaa kortilla, jonka koko on lähellä botin omaa vastausta.` }));

/** An echo in kind: a message is answered with one card through the connector, a card action with a card echoing its data. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(echoCard(context.activity.text ?? ''))] });
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const data = (context.activity.value as { action?: { data?: unknown } } | undefined)?.action?.data;
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: echoCard(JSON.stringify(data ?? null)) } };
  }
}

/** Behind the same express body parsing as ours (src/http/server.ts). */
function echoApp(): { app: Express; close(): Promise<void> } {
  const botSettings = settings.metadataUrl ? channelAuthSettings(settings.metadataUrl) : { MicrosoftAppId: '', MicrosoftAppType: 'MultiTenant' };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(botSettings));
  const bot = new EchoBot();
  const app = express();
  app.disable('x-powered-by');
  app.post('/api/messages', express.json({ limit: BODY_LIMIT }), (req, res) => adapter.process(req, res, (context) => bot.run(context)));
  return { app, close: async () => undefined };
}

/**
 * Our bot as `npm start` composes and serves it. The per-person and per-address limits stay on,
 * counting in Redis on every activity, but high enough never to refuse the load generator's one
 * person and address.
 */
async function oursApp(): Promise<{ app: Express; close(): Promise<void> }> {
  const auth = settings.metadataUrl
    ? { MicrosoftAppId: BENCH_APP_ID, MicrosoftAppPassword: BENCH_APP_PASSWORD, MicrosoftAppTenantId: TENANT, BOT_OPENID_METADATA_URL: settings.metadataUrl }
    : {};
  const config = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL: settings.redisUrl,
    REDIS_KEY_PREFIX: settings.prefix,
    LOG_LEVEL: 'silent',
    EFFECT_WORKER: 'off',
    RATE_LIMIT_PER_USER: '1000000',
    RATE_LIMIT_PER_IP: '1000000',
    ...auth,
  });
  const ours = composeBot(config);
  if (!(await ours.ready(5000))) throw new Error('Redis does not answer');
  return { app: ours.app, close: () => ours.close() };
}

function send(report: HostReport): void {
  process.send?.(report);
}

async function main(): Promise<void> {
  if (settings.metadataUrl) fillReplyTokenCache();
  const bot = settings.target === 'echo' ? echoApp() : await oursApp();
  const server = await new Promise<Server>((resolve) => {
    const listening = bot.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  process.on('message', (message) => {
    // The CPU the process has used so far, user and system, in microseconds: the bench takes the difference over a run.
    if (message === 'cpu') return send({ kind: 'cpu', cpu: process.cpuUsage() });
    if (message !== 'memory') return;
    // Twice: the first collection can leave finalizable objects for the second.
    global.gc?.();
    global.gc?.();
    send({ kind: 'memory', memory: process.memoryUsage() });
  });
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void bot.close().then(() => process.exit(0));
  });
  send({ kind: 'listening', port: (server.address() as AddressInfo).port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
