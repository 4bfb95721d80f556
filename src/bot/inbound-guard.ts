/**
 * Cheap checks in front of botbuilder, on what an activity and its token say about themselves.
 * botbuilder 4.23 accepts Entra (emulator) tokens without audience or serviceUrl checks, and
 * every unseen tenant id in such a token adds issuers to a module-wide list that never shrinks,
 * before any signature is checked. So only tokens that claim to be the Bot Connector's go on,
 * to our own signature check (channel-token-verifier.ts) and then botbuilder's.
 */

/** The issuer of the Bot Connector's tokens in the public cloud. */
export const CHANNEL_TOKEN_ISSUER = 'https://api.botframework.com';

/** Hosts a serviceUrl may name: exact host names, or `*.example.com` for any subdomain of example.com. */
export type ServiceUrlHosts = readonly string[];

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** HTTPS to an allowed host; plain HTTP only to a loopback host on the list (local runs and tests). */
export function serviceUrlAllowed(serviceUrl: unknown, hosts: ServiceUrlHosts): boolean {
  if (typeof serviceUrl !== 'string') return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (url.username || url.password) return false;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(host))) return false;
  return hosts.some((allowed) => (allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) : host === allowed));
}

export interface InboundPolicy {
  /** Credentials are configured: every activity needs a Bot Connector token. */
  readonly authenticate: boolean;
  /** The only tenant whose activities are taken, when set. */
  readonly tenantId: string | undefined;
  readonly serviceUrlHosts: ServiceUrlHosts;
}

/** 401: the caller did not show a Bot Connector token for this activity. 403: it did, for somewhere we do not serve. */
export type InboundRefusal =
  | { readonly status: 401; readonly reason: 'no_token' | 'malformed_token' | 'issuer' | 'service_url_claim' }
  | { readonly status: 403; readonly reason: 'service_url_host' | 'tenant' };

/** The parts of an activity the guard reads; anything may be missing or of the wrong type. */
export interface InboundActivity {
  readonly serviceUrl?: unknown;
  readonly conversation?: unknown;
  readonly channelData?: unknown;
}

/** Undefined when the activity may go on to botbuilder's own validation. */
export function screenInbound(activity: InboundActivity, authorization: string | undefined, policy: InboundPolicy): InboundRefusal | undefined {
  if (policy.authenticate) {
    const refusal = screenToken(activity, authorization);
    if (refusal) return refusal;
  }
  if (!serviceUrlAllowed(activity.serviceUrl, policy.serviceUrlHosts)) return { status: 403, reason: 'service_url_host' };
  if (policy.tenantId !== undefined) {
    const tenants = tenantsOf(activity);
    const wanted = policy.tenantId.toLowerCase();
    if (tenants.length === 0 || tenants.some((tenant) => tenant.toLowerCase() !== wanted)) return { status: 403, reason: 'tenant' };
  }
  return undefined;
}

function screenToken(activity: InboundActivity, authorization: string | undefined): InboundRefusal | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '');
  if (!match) return { status: 401, reason: 'no_token' };
  const claims = unverifiedClaims(match[1]!);
  if (!claims) return { status: 401, reason: 'malformed_token' };
  if (claims.iss !== CHANNEL_TOKEN_ISSUER) return { status: 401, reason: 'issuer' };
  if (claims.serviceurl !== activity.serviceUrl) return { status: 401, reason: 'service_url_claim' };
  return undefined;
}

/** The payload as the token states it, unverified: the signature is botbuilder's to check, after this. */
function unverifiedClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1] ?? '';
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    // Not JSON: a malformed token, refused like a missing one.
    return undefined;
  }
}

/** Teams names the tenant twice; both, where present, must agree. */
function tenantsOf(activity: InboundActivity): string[] {
  const conversation = activity.conversation as { tenantId?: unknown } | undefined;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const named = [conversation?.tenantId, channelData?.tenant?.id];
  if (named.some((tenant) => tenant !== undefined && typeof tenant !== 'string')) return ['(not a tenant id)'];
  return named.filter((tenant): tenant is string => typeof tenant === 'string');
}
