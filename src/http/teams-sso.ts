import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { err, ok, type Result } from '../domain/result.js';

export interface TeamsSsoSettings {
  readonly tenantId: string;
  readonly appId: string;
  /** The audience is `api://<this host>/<app id>`, the manifest's webApplicationInfo.resource. */
  readonly publicBaseUrl: string;
  readonly jwksUrl: string;
}

export type TokenError = { readonly code: 'auth.invalid_token' } | { readonly code: 'auth.keys_unavailable' };

/** The person a valid token names (its `oid`, the id the unit directory knows), or why there is none. */
export type TokenVerifier = (token: string) => Promise<Result<string, TokenError>>;

/** Entra's clocks and ours may differ a little; a minute is the usual allowance. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Checks a Teams SSO token (`authentication.getAuthToken()`): signed by the tenant's keys,
 * issued by the tenant (v2 or v1 issuer), for this app, to a person of the configured tenant.
 */
export function teamsSsoVerifier(settings: TeamsSsoSettings): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  const issuer = [`https://login.microsoftonline.com/${settings.tenantId}/v2.0`, `https://sts.windows.net/${settings.tenantId}/`];
  // v1 tokens carry the application id URI; v2 tokens carry the bare client id.
  const audience = [`api://${new URL(settings.publicBaseUrl).host}/${settings.appId}`, settings.appId];
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        audience,
        algorithms: ['RS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'tid', 'oid'],
      });
      if (payload.tid !== settings.tenantId || typeof payload.oid !== 'string' || payload.oid === '') return err({ code: 'auth.invalid_token' });
      return ok(payload.oid);
    } catch (error) {
      // Keys we could not fetch are our outage, not a bad token: the person may try again.
      const unavailable = error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError) || error.code === 'ERR_JOSE_GENERIC';
      return err({ code: unavailable ? 'auth.keys_unavailable' : 'auth.invalid_token' });
    }
  };
}
