import { randomBytes, randomUUID } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { Router as createRouter } from 'express';

export interface SandboxCredentials {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

const TOKEN_LIFETIME_SECONDS = 3599;

/** Access tokens this sandbox issued; Graph routes accept nothing else. */
export class IssuedTokens {
  private readonly expiries = new Map<string, number>();

  issue(): string {
    const token = `sandbox.${randomBytes(24).toString('base64url')}`;
    this.expiries.set(token, Date.now() + TOKEN_LIFETIME_SECONDS * 1000);
    return token;
  }

  isValid(authorization: string | undefined): boolean {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const expiry = token ? this.expiries.get(token) : undefined;
    return expiry !== undefined && expiry > Date.now();
  }
}

/** Entra ID's answer shape for a failed token request (AADSTS codes), as MSAL parses it. */
function entraError(res: Response, status: number, error: string, code: number, description: string): void {
  res.status(status).json({
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`,
    error_codes: [code],
    timestamp: new Date().toISOString(),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
}

/**
 * The part of Entra ID that MSAL's client-credentials flow reaches when the authority is among
 * its `knownAuthorities` (so it skips Microsoft's instance discovery): the tenant's OpenID
 * configuration, whose issuer must share the authority's origin, and the token endpoint.
 */
export function identityRoutes(credentials: SandboxCredentials, tokens: IssuedTokens, origin: () => string): Router {
  const router = createRouter();
  const tenantBase = () => `${origin()}/${credentials.tenantId}`;

  router.get('/:tenant/v2.0/.well-known/openid-configuration', (req: Request<{ tenant: string }>, res) => {
    if (req.params.tenant !== credentials.tenantId) {
      entraError(res, 400, 'invalid_tenant', 90002, `Tenant '${req.params.tenant}' not found.`);
      return;
    }
    res.json({
      issuer: `${tenantBase()}/v2.0`,
      token_endpoint: `${tenantBase()}/oauth2/v2.0/token`,
      authorization_endpoint: `${tenantBase()}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${tenantBase()}/oauth2/v2.0/logout`,
      jwks_uri: `${tenantBase()}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      tenant_region_scope: 'EU',
    });
  });

  router.post('/:tenant/oauth2/v2.0/token', (req: Request<{ tenant: string }>, res) => {
    const form = new URLSearchParams(typeof req.body === 'string' ? req.body : '');
    if (req.params.tenant !== credentials.tenantId) {
      entraError(res, 400, 'invalid_request', 90002, `Tenant '${req.params.tenant}' not found.`);
    } else if (form.get('grant_type') !== 'client_credentials') {
      entraError(res, 400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    } else if (form.get('client_id') !== credentials.clientId) {
      entraError(res, 400, 'unauthorized_client', 700016, 'Application was not found in the directory.');
    } else if (form.get('client_secret') !== credentials.clientSecret) {
      entraError(res, 401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    } else if (form.get('scope') !== 'https://graph.microsoft.com/.default') {
      entraError(res, 400, 'invalid_scope', 1002012, 'The provided value for scope is not valid.');
    } else {
      res.json({
        token_type: 'Bearer',
        expires_in: TOKEN_LIFETIME_SECONDS,
        ext_expires_in: TOKEN_LIFETIME_SECONDS,
        access_token: tokens.issue(),
      });
    }
  });

  return router;
}
