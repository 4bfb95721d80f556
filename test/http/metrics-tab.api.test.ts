import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import type { MetricsResponse, PageData, WireFigure } from '../../src/http/metrics-contract.js';
import { ReportLinks } from '../../src/http/report-links.js';
import { teamsSsoVerifier } from '../../src/http/teams-sso.js';
import { BotHarness, fixedClock, SUPERVISOR, TENANT, WORKER } from '../support/bot-harness.js';
import { handledRequest, LEADERSHIP_ID, METRICS_NOW, storeActivity, workerAnswers } from '../support/metrics-activity.js';
import { directory } from '../support/people.js';
import { fiText } from '../support/catalog-text.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const OTHER_TENANT = '99999999-0000-4000-8000-000000000000';
const PUBLIC_BASE_URL = 'https://yhteistyobotti.example';
const AUDIENCE = `api://yhteistyobotti.example/${APP_ID}`;
const V2_ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const V1_ISSUER = `https://sts.windows.net/${TENANT}/`;
const KID = 'tenant-signing-key';
const LEAD = SUPERVISOR.aadObjectId;

const family = directory.unit('perhesosiaalityo')!;
const psychiatry = directory.unit('lastenpsykiatria')!;
const present = [...family.members.slice(1), ...psychiatry.members];
const meetingOn = (id: string, submittedAt: string, date: string) =>
  handledRequest({
    id,
    sendingUnitId: 'perhesosiaalityo',
    submittedAt,
    approvedAfter: 1,
    targets: [{ unitId: 'lastenpsykiatria', acknowledgedAfter: 2, namedAfter: 4 }],
    meeting: { date, consent: 'given', attendeeIds: present },
  });
/** Four workers answered about October's meeting, five about November's. */
const october = meetingOn('api-october-1', '2026-10-05T08:00:00Z', '2026-10-21');
const november = meetingOn('api-november-2', '2026-11-02T08:00:00Z', '2026-11-18');
const elsewhere = handledRequest({
  id: 'api-health-3',
  sendingUnitId: 'terveysasemat',
  submittedAt: '2026-11-03T09:00:00Z',
  approvedAfter: 0.5,
  targets: [{ unitId: 'aikuissosiaalityo', acknowledgedAfter: 1 }],
});
const score = (clarified: number) => ({ clarified, division_of_work: 4, expertise_present: 4, would_bring_again: 5 });
const answers = [...workerAnswers(october, [5, 4, 4, 3].map(score)), ...workerAnswers(november, [5, 4, 4, 3, 5].map(score))];

interface KeyServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The tenant's published keys on a loopback port, in the shape of Entra's discovery/v2.0/keys. */
async function serveKeys(keys: object): Promise<KeyServer> {
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(keys));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${TENANT}/discovery/v2.0/keys`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let tenantKey: CryptoKey;
let foreignKey: CryptoKey;
let keyServer: KeyServer;

interface TokenOptions {
  readonly claims?: JWTPayload;
  readonly issuer?: string;
  readonly audience?: string;
  readonly expiresAt?: number;
  readonly key?: CryptoKey;
}

/** A Teams SSO token as Entra issues it for the tab, signed with the tenant's key unless told otherwise. */
function ssoToken(oid: string | undefined, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: TENANT, ...(oid ? { oid } : {}), scp: 'access_as_user', ...options.claims })
    .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
    .setIssuer(options.issuer ?? V2_ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(options.expiresAt ?? now + 3600)
    .sign(options.key ?? tenantKey);
}

const bearer = async (oid: string | undefined, options?: TokenOptions) => ({ authorization: `Bearer ${await ssoToken(oid, options)}` });

/** The bot as configured for a tenant, its keys served on loopback. */
const tenantBot = (env: Record<string, string> = {}) =>
  new BotHarness(fixedClock(METRICS_NOW), {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-by-these-tests',
    MicrosoftAppTenantId: TENANT,
    PUBLIC_BASE_URL,
    TAB_JWKS_URL: keyServer.url,
    ...env,
  });

let harness: BotHarness;

async function getJson(path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${harness.url}${path}`, { headers });
  return { status: response.status, body: await response.json() };
}

/** The figure of a unit's month under a column, as the API sends it. */
function figure(data: MetricsResponse, unitId: string, month: string, key: string, questionId?: string): WireFigure {
  const column = data.columns.findIndex((c) => c.key === key && c.questionId === questionId);
  const row = data.months.indexOf(month);
  expect(column, key).toBeGreaterThan(-1);
  return data.reports.find((r) => r.unitId === unitId)!.rows[row]![column]!;
}

beforeAll(async () => {
  // The tenant publishes the public half of its signing key, and another key beside it, as Entra does.
  const tenant = await generateKeyPair('RS256');
  const rotated = await generateKeyPair('RS256');
  tenantKey = tenant.privateKey;
  foreignKey = (await generateKeyPair('RS256')).privateKey;
  keyServer = await serveKeys({
    keys: [
      { ...(await exportJWK(tenant.publicKey)), kid: KID, alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(rotated.publicKey)), kid: 'next-signing-key', alg: 'RS256', use: 'sig' },
    ],
  });
  harness = await tenantBot().start();
  await storeActivity(harness.bot.redis, harness.prefix, loadConfig({}).encryptionKeys, { requests: [october, november, elsewhere], answers });
});

afterAll(async () => {
  await harness.stop();
  await keyServer.close();
});

describe('metrics API with a Teams SSO token', () => {
  it('gives a supervisor the units they lead and nothing else', async () => {
    const { status, body } = await getJson('/tab/api/metrics?from=2026-10&to=2026-11', await bearer(LEAD));
    expect(status).toBe(200);
    const data = body as MetricsResponse;
    expect(data.units).toEqual([{ id: 'perhesosiaalityo', name: 'Perhesosiaalityö' }]);
    expect(data.months).toEqual(['2026-10', '2026-11']);
    expect(data.reports.map((r) => r.unitId)).toEqual(['perhesosiaalityo']);
    expect(figure(data, 'perhesosiaalityo', '2026-10', 'sent')).toBe(1);
    expect(figure(data, 'perhesosiaalityo', '2026-11', 'meetingsHeld')).toBe(1);
    expect(figure(data, 'perhesosiaalityo', '2026-10', 'sentLeadDays.acknowledgement')).toBe(2);
  });

  it('filters a unit the supervisor does not lead away exactly like one that does not exist', async () => {
    const foreign = await getJson('/tab/api/metrics?unit=lastenpsykiatria', await bearer(LEAD));
    const unknown = await getJson('/tab/api/metrics?unit=no-such-unit', await bearer(LEAD));
    expect(foreign.status).toBe(200);
    expect((foreign.body as MetricsResponse).reports).toEqual([]);
    expect(foreign.body).toEqual(unknown.body);
    expect(JSON.stringify(foreign.body)).not.toContain('Lastenpsykiatria');
  });

  it('gives leadership every unit of the directory, and one when asked for one', async () => {
    const all = await getJson('/tab/api/metrics', await bearer(LEADERSHIP_ID));
    expect(all.status).toBe(200);
    expect((all.body as MetricsResponse).reports.map((r) => r.unitId)).toEqual(directory.units.map((u) => u.id));
    const one = (await getJson('/tab/api/metrics?unit=terveysasemat&from=2026-11&to=2026-11', await bearer(LEADERSHIP_ID))).body as MetricsResponse;
    expect(one.reports.map((r) => r.unitId)).toEqual(['terveysasemat']);
    expect(figure(one, 'terveysasemat', '2026-11', 'sent')).toBe(1);
  });

  it('refuses a worker who leads no unit with 403', async () => {
    expect(await getJson('/tab/api/metrics', await bearer(WORKER.aadObjectId))).toEqual({ status: 403, body: { error: 'report.not_a_lead' } });
  });

  it('accepts the v1 issuer and a v2 token whose audience is the bare app id', async () => {
    expect((await getJson('/tab/api/metrics', await bearer(LEAD, { issuer: V1_ISSUER }))).status).toBe(200);
    expect((await getJson('/tab/api/metrics', await bearer(LEAD, { audience: APP_ID }))).status).toBe(200);
  });

  it.each<[string, () => Promise<Record<string, string>>, string]>([
    ['no token', async () => ({}), 'auth.missing_token'],
    ['a header that is not a bearer token', async () => ({ authorization: 'Basic bGVhZDpsZWFk' }), 'auth.missing_token'],
    ['something that is not a token', async () => ({ authorization: 'Bearer not.a-token' }), 'auth.invalid_token'],
    ['an expired token', () => bearer(LEAD, { expiresAt: Math.floor(Date.now() / 1000) - 3600 }), 'auth.invalid_token'],
    ['a token for another app', () => bearer(LEAD, { audience: `api://yhteistyobotti.example/${OTHER_TENANT}` }), 'auth.invalid_token'],
    ['a token for another host', () => bearer(LEAD, { audience: `api://elsewhere.example/${APP_ID}` }), 'auth.invalid_token'],
    ['a token from another issuer', () => bearer(LEAD, { issuer: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }), 'auth.invalid_token'],
    ['a token signed with a key the tenant does not publish', () => bearer(LEAD, { key: foreignKey }), 'auth.invalid_token'],
    ['a token of a person of another tenant', () => bearer(LEAD, { claims: { tid: OTHER_TENANT } }), 'auth.invalid_token'],
    ['a token that names no person', () => bearer(undefined), 'auth.invalid_token'],
  ])('answers 401 to %s, and says why only by a code', async (_name, headers, code) => {
    const response = await fetch(`${harness.url}/tab/api/metrics`, { headers: await headers() });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ error: code });
  });

  it('tells a person the keys could not be fetched apart from a bad token', async () => {
    const verify = teamsSsoVerifier({ tenantId: TENANT, appId: APP_ID, publicBaseUrl: PUBLIC_BASE_URL, jwksUrl: 'http://127.0.0.1:9/keys' });
    expect(await verify(await ssoToken(LEAD))).toEqual({ ok: false, error: { code: 'auth.keys_unavailable' } });
  });

  it.each([
    ['from=2026-13', 'request.bad_query'],
    ['to=26-11', 'request.bad_query'],
    ['unit=Perhe%20Sosiaali', 'request.bad_query'],
    ['unit=perhesosiaalityo&unit=lastenpsykiatria', 'request.bad_query'],
    ['lang=de', 'request.bad_query'],
    ['from=2026-11&to=2026-10', 'report.invalid_period'],
    ['from=2024-01&to=2026-01', 'report.invalid_period'],
  ])('answers 400 to the query %s', async (query, code) => {
    expect(await getJson(`/tab/api/metrics?${query}`, await bearer(LEAD))).toEqual({ status: 400, body: { error: code } });
  });

  it('shows up to 24 months', async () => {
    const { status, body } = await getJson('/tab/api/metrics?from=2024-12&to=2026-11', await bearer(LEAD));
    expect(status).toBe(200);
    expect((body as MetricsResponse).months).toHaveLength(24);
  });
});

describe('metrics API: small groups', () => {
  it('withholds the averages of a month four workers answered and shows those of a month five answered', async () => {
    const data = (await getJson('/tab/api/metrics?from=2026-10&to=2026-11&lang=sv', await bearer(LEAD))).body as MetricsResponse;
    expect(figure(data, 'perhesosiaalityo', '2026-10', 'workerAnswers')).toBe(4);
    expect(figure(data, 'perhesosiaalityo', '2026-11', 'workerAnswers')).toBe(5);
    for (const id of ['clarified', 'division_of_work', 'expertise_present', 'would_bring_again']) {
      expect(figure(data, 'perhesosiaalityo', '2026-10', 'question', id)).toBe('suppressed');
    }
    expect(figure(data, 'perhesosiaalityo', '2026-11', 'question', 'clarified')).toBe(4.2);
    expect(figure(data, 'perhesosiaalityo', '2026-11', 'question', 'would_bring_again')).toBe(5);
    expect(data.columns.find((c) => c.questionId === 'clarified')?.label).toBe('Mötet klargjorde klientens situation.');
  });
});

describe('metrics CSV', () => {
  it('is a UTF-8 attachment with a byte order mark, the same file the chat report links to', async () => {
    const response = await fetch(`${harness.url}/tab/api/metrics.csv`, { headers: await bearer(LEAD) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="yhteistyotiimi-mittarit-2026-06-2026-11.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const link = new ReportLinks(loadConfig({}).encryptionKeys[0]!.key, harness.url, fixedClock(METRICS_NOW)).linkFor({ userId: LEAD, locale: 'fi' });
    const chat = Buffer.from(await (await fetch(link, { method: 'POST' })).arrayBuffer());
    expect(bytes.toString('utf8')).toBe(chat.toString('utf8'));
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines.find((l) => l.startsWith('Perhesosiaalityö;2026-10;'))).toMatch(new RegExp(`;4;\\d+\\s%;${Array(4).fill(fiText('report.suppressed', { min: 5 })).join(';')};$`));
    expect(lines.find((l) => l.startsWith('Perhesosiaalityö;2026-11;'))).toMatch(/;5;\d+\s%;4,2;4,0;4,0;5,0;$/);
  });

  it('is refused like the JSON', async () => {
    expect((await fetch(`${harness.url}/tab/api/metrics.csv`, { headers: await bearer(WORKER.aadObjectId) })).status).toBe(403);
    expect((await fetch(`${harness.url}/tab/api/metrics.csv`)).status).toBe(401);
  });
});

describe('metrics tab in local mode (no Bot Framework credentials)', () => {
  let local: BotHarness;

  beforeAll(async () => {
    local = await new BotHarness(fixedClock(METRICS_NOW)).start();
    await storeActivity(local.bot.redis, local.prefix, loadConfig({}).encryptionKeys, { requests: [october, november, elsewhere], answers });
  });

  afterAll(async () => {
    await local.stop();
  });

  it('takes the dev sign-in header as the person, with the same rules', async () => {
    expect((await getJsonFrom(local, { 'x-dev-user': LEAD })).status).toBe(200);
    expect((await getJsonFrom(local, { 'x-dev-user': WORKER.aadObjectId })).status).toBe(403);
  });

  it('serves the page with a policy that runs only its own scripts and lets only Teams frame it', async () => {
    const response = await fetch(`${local.url}/tab/metrics?lang=sv-FI`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("style-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com");
    expect(response.headers.get('x-frame-options')).toBeNull();
    const html = await response.text();
    expect(html).toContain('<html lang="sv">');
    // Every script is the bundle or data: nothing inline runs.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="assets/metrics.js">', '<script type="application/json" id="page-data">']);
    const data = pageData(html);
    expect(data.devSignIn?.people.map((p) => p.id)).toContain(LEAD);
    expect(data.devSignIn?.people[0]?.label).toBe('Liisa Johtaja — alla enheter');
  });
});

function pageData(html: string): PageData {
  return JSON.parse(/<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec(html)![1]!) as PageData;
}

// A test or staging deployment has real credentials and real people whatever NODE_ENV it runs with.
describe.each(['development', 'test', 'production'])('metrics tab with Bot Framework credentials and NODE_ENV=%s', (nodeEnv) => {
  let deployed: BotHarness;

  beforeAll(async () => {
    deployed = await tenantBot({ NODE_ENV: nodeEnv, DATA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}` }).start();
  });

  afterAll(async () => {
    await deployed.stop();
  });

  it('refuses the dev sign-in header, even beside a valid token', async () => {
    expect(await getJsonFrom(deployed, { 'x-dev-user': LEAD })).toEqual({ status: 401, body: { error: 'auth.dev_sign_in_refused' } });
    expect(await getJsonFrom(deployed, { 'x-dev-user': LEAD, ...(await bearer(LEAD)) })).toEqual({ status: 401, body: { error: 'auth.dev_sign_in_refused' } });
    expect((await getJsonFrom(deployed, await bearer(LEAD))).status).toBe(200);
  });

  it('offers no person picker on the page', async () => {
    const html = await (await fetch(`${deployed.url}/tab/metrics`)).text();
    expect(pageData(html).devSignIn).toBeUndefined();
  });
});

async function getJsonFrom(target: BotHarness, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${target.url}/tab/api/metrics`, { headers });
  return { status: response.status, body: await response.json() };
}
