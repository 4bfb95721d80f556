import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Who signs the Bot Connector's tokens in the public cloud. */
export const CHANNEL_ISSUER = 'https://api.botframework.com';
export const BENCH_APP_ID = '00000000-0000-4000-8000-0000000be7c4';
/** The scope a bot asks a token for to reply through the Bot Connector. */
export const CHANNEL_SCOPE = 'https://api.botframework.com';
export const BENCH_APP_PASSWORD = 'bench-only-secret';
const KEY_ID = 'bench-channel-key';

/**
 * The channel's side of inbound authentication on loopback: an OpenID metadata document and a
 * JWKS with one RS256 key endorsed for msteams, and a token signed with it as the Bot Framework
 * signs the activities it posts (issuer, audience = the app id, `serviceurl` claim).
 */
export class LoopbackChannelAuth {
  private constructor(
    private readonly server: Server,
    readonly token: string,
    /** The same claims and key id, signed with a key the JWKS does not hold: a bot that checks refuses it. */
    readonly forgedToken: string,
  ) {}

  static async start(serviceUrl: string): Promise<LoopbackChannelAuth> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };
    const app = express();
    let origin = '';
    app.get('/v1/.well-known/openidconfiguration', (_req, res) => {
      res.json({ issuer: CHANNEL_ISSUER, jwks_uri: `${origin}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    });
    app.get('/v1/.well-known/keys', (_req, res) => {
      res.json({ keys: [jwk] });
    });
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // One token for the whole run, as the channel reuses its token until it nears expiry; signing
    // per request would take the load generator's CPU, not the bot's.
    const sign = (key: CryptoKey) =>
      new SignJWT({ serviceurl: serviceUrl })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setIssuer(CHANNEL_ISSUER)
        .setAudience(BENCH_APP_ID)
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime('2h')
        .sign(key);
    const stranger = await generateKeyPair('RS256');
    return new LoopbackChannelAuth(server, await sign(privateKey), await sign(stranger.privateKey));
  }

  get metadataUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
