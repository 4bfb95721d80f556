import { MsalTokenProvider } from '@microsoft/agents-hosting';
import { AppCredentials } from 'botframework-connector';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWTPayload } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A bot's credentials for tests: the app id is what a Bot Connector token must be addressed to. */
export const BOT_APP_ID = '11111111-2222-4333-8444-555555555555';
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenOptions {
  /** Signed with a key the metadata does not publish, under the published key's id or an id of its own. */
  readonly foreignKey?: 'same-kid' | 'own-kid';
  /** Seconds from now; negative for a token already expired. */
  readonly expiresIn?: number;
}

/**
 * The Bot Connector's side of authentication on loopback: OpenID metadata, a JWKS with one RS256
 * key (endorsed for msteams, as the real one is), and tokens signed with that key or another.
 */
export class ConnectorIdentity {
  private server?: Server;
  private key!: PrivateKey;
  private foreign!: PrivateKey;
  /** The id the metadata publishes its one key under: a forger knows it too. */
  readonly kid = 'loopback-connector-key';
  /** Requests for the metadata or the keys, in order: botbuilder fetches them once and caches them. */
  readonly fetched: string[] = [];

  async start(): Promise<this> {
    const [mine, other] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('RS256')]);
    this.key = mine.privateKey;
    this.foreign = other.privateKey;
    const jwk = await exportJWK(mine.publicKey);
    const app = express();
    app.get('/v1/.well-known/openidconfiguration', (req, res) => {
      this.fetched.push(req.path);
      res.json({ issuer: CHANNEL_ISSUER, jwks_uri: `${this.base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    });
    app.get('/v1/keys', (req, res) => {
      this.fetched.push(req.path);
      res.json({ keys: [{ ...jwk, kid: this.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] });
    });
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    return this;
  }

  private get base(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get metadataUrl(): string {
    return `${this.base}/v1/.well-known/openidconfiguration`;
  }

  /** A token as the Bot Connector sends it for an activity to `serviceUrl`; `claims` override any field. */
  channelToken(serviceUrl: string, claims: JWTPayload = {}, options: TokenOptions = {}): Promise<string> {
    return this.sign({ iss: CHANNEL_ISSUER, aud: BOT_APP_ID, serviceurl: serviceUrl, ...claims }, options);
  }

  /** An Entra v2 token as the Bot Framework Emulator (or a skill) presents it: the bot's own id as the authorized party. */
  emulatorToken(claims: JWTPayload = {}): Promise<string> {
    return this.sign(
      { iss: 'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0', aud: BOT_APP_ID, azp: BOT_APP_ID, ver: '2.0', ...claims },
      {},
    );
  }

  private sign(claims: JWTPayload, options: TokenOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 3600;
    const kid = options.foreignKey === 'own-kid' ? 'not-published' : this.kid;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuedAt(now - 60 + Math.min(0, expiresIn))
      .setNotBefore(now - 60 + Math.min(0, expiresIn))
      .setExpirationTime(now + expiresIn)
      .sign(options.foreignKey ? this.foreign : this.key);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** A token-shaped string nobody signed: what an attacker sends for free, under any key id it likes. */
export function unsignedToken(claims: Record<string, unknown>, kid = 'whatever'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(claims)}.${Buffer.from('not a signature').toString('base64url')}`;
}

const OUTBOUND_TOKEN = 'loopback-outbound-token';

/**
 * A reply needs the bot's own token from Entra ID, which a test cannot reach. botbuilder keeps
 * such tokens in a module-wide cache; one put there lets replies reach the loopback connector as
 * they would reach Teams. The Agents SDK asks MSAL through its token provider, which answers
 * the same token here. (This reaches into both SDKs' internals, on purpose and only here.)
 */
export function cacheOutboundToken(appId = BOT_APP_ID): void {
  const cache = (AppCredentials as unknown as { cache: Map<string, { accessToken: string; expiresOn: Date }> }).cache;
  cache.set(`${appId}https://api.botframework.com-cache`, { accessToken: OUTBOUND_TOKEN, expiresOn: new Date(Date.now() + 3600_000) });
  (MsalTokenProvider.prototype as unknown as { getAccessToken: () => Promise<string> }).getAccessToken = () => Promise.resolve(OUTBOUND_TOKEN);
}
