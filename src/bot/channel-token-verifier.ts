import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { CHANNEL_TOKEN_ISSUER } from './inbound-guard.js';

/** Where botbuilder reads the Bot Connector's signing keys in the public cloud; we read the same. */
export const CHANNEL_OPENID_METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';

/** botbuilder's own allowances, so that a token one of us accepts the other accepts too. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
const CLOCK_TOLERANCE_SECONDS = 5 * 60;
/** The keys' address seldom changes; botbuilder reads the metadata again once a day too. */
const METADATA_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** After a failed read, activities are refused for a while rather than each one fetching it again. */
const METADATA_RETRY_MS = 30_000;
const METADATA_TIMEOUT_MS = 5_000;

/** `invalid`: the token proves nothing. `keys_unavailable`: we could not check it, which is our outage. */
export type ChannelTokenRefusal = 'invalid' | 'keys_unavailable';

/** Undefined when the token is signed by the Bot Connector's published keys, for this bot, and current. */
export type ChannelTokenVerifier = (token: string) => Promise<ChannelTokenRefusal | undefined>;

async function readKeys(metadataUrl: string): Promise<JWTVerifyGetKey> {
  const response = await fetch(metadataUrl, { signal: AbortSignal.timeout(METADATA_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`OpenID metadata answered ${response.status}`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: unknown };
  if (typeof jwksUri !== 'string') throw new Error('OpenID metadata names no jwks_uri');
  // jose caches the keys, and fetches them again for an unknown key id at most every 30 s.
  return createRemoteJWKSet(new URL(jwksUri));
}

/**
 * The signature, issuer, audience and expiry of a Bot Connector token, checked before botbuilder
 * sees it: botbuilder 4.23 reads an unverified token's `tid` into a module-wide issuer list that
 * never shrinks, so a forged token must not reach it. botbuilder then checks it again, with the
 * keys' channel endorsements and the serviceUrl claim.
 */
export function channelTokenVerifier(appId: string, metadataUrl: string, now: () => number = Date.now): ChannelTokenVerifier {
  let keys: { readonly get: JWTVerifyGetKey; readonly at: number } | undefined;
  let reading: Promise<void> | undefined;
  let failedAt = Number.NEGATIVE_INFINITY;

  /** The current keys; stale ones while the metadata cannot be read, rather than none. */
  async function signingKeys(): Promise<JWTVerifyGetKey | undefined> {
    if (keys && now() - keys.at < METADATA_MAX_AGE_MS) return keys.get;
    if (now() - failedAt < METADATA_RETRY_MS) return keys?.get;
    reading ??= readKeys(metadataUrl).then(
      (get) => {
        keys = { get, at: now() };
        reading = undefined;
      },
      () => {
        failedAt = now();
        reading = undefined;
      },
    );
    await reading;
    return keys?.get;
  }

  return async (token) => {
    const getKey = await signingKeys();
    if (!getKey) return 'keys_unavailable';
    try {
      await jwtVerify(token, getKey, {
        issuer: CHANNEL_TOKEN_ISSUER,
        audience: appId,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      });
      return undefined;
    } catch (error) {
      // Keys we could not fetch are our outage, not a bad token.
      const unavailable = error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError) || error.code === 'ERR_JOSE_GENERIC';
      return unavailable ? 'keys_unavailable' : 'invalid';
    }
  };
}
