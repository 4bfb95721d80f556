import { randomUUID } from 'node:crypto';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EmulatorValidation, ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness, TENANT, WORKER, cardOf } from '../support/bot-harness.js';
import { BOT_APP_ID, CHANNEL_ISSUER, ConnectorIdentity, cacheOutboundToken, unsignedToken } from '../support/connector-identity.js';

// A heap compared before and after means something only after a full collection.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const WARM_UP = 1000;
const BATCH = 1500;
const BATCHES = 4;
const FLOOD = BATCH * BATCHES;
const CONCURRENCY = 25;
const MB = 1024 * 1024;
/**
 * What "flat" allows: the first thousand requests of a process compile code and fill caches, so
 * the flood is measured after a warm-up; what botbuilder's issuer list alone adds for the same
 * number of tenants is measured below, and is well above this.
 */
const FLAT = 1.5 * MB;
/** A batch may take a little more CPU now and then; a list scanned per request makes every later batch slower. */
const SLOWER_AT_MOST = 1.5;
const SLACK_MS = 300;

/**
 * What costs an attacker nothing: tokens nobody signed, each naming a tenant never seen before.
 * botbuilder 4.23 adds four issuers to its module-wide list for every such tenant, whatever the
 * token's issuer, before it checks any signature.
 */
const shapes = (serviceUrl: string, publishedKid: string): ((tid: string) => string)[] => [
  (tid) => unsignedToken({ iss: CHANNEL_ISSUER, aud: BOT_APP_ID, serviceurl: serviceUrl, tid }),
  (tid) => unsignedToken({ iss: CHANNEL_ISSUER, aud: BOT_APP_ID, serviceurl: serviceUrl, tid }, publishedKid),
  (tid) => unsignedToken({ iss: `https://sts.windows.net/${tid}/`, tid, aud: BOT_APP_ID, appid: BOT_APP_ID, ver: '1.0' }),
  (tid) => unsignedToken({ iss: `https://login.microsoftonline.com/${tid}/v2.0`, tid, aud: BOT_APP_ID, azp: BOT_APP_ID, ver: '2.0' }),
  () => unsignedToken({ iss: CHANNEL_ISSUER, aud: BOT_APP_ID, serviceurl: serviceUrl }),
];

/** V8 compiles more code as a flood warms its paths (and the effect worker's loop): not memory the flood keeps. */
const CODE_SPACES = new Set(['code_space', 'code_large_object_space']);

/** The heap the process's objects hold, after a full collection. */
const heapAfterCollection = () => {
  collectGarbage();
  collectGarbage();
  return getHeapSpaceStatistics()
    .filter((space) => !CODE_SPACES.has(space.space_name))
    .reduce((sum, space) => sum + space.space_used_size, 0);
};

/** CPU this process spent, client and bot together: two shared cores make wall time measure the neighbours too. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

describe('a flood of unauthenticated activities', () => {
  const identity = new ConnectorIdentity();
  let harness: BotHarness;
  let tokenShapes: ((tid: string) => string)[] = [];
  const issuers = ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[];

  /** Posts `count` activities, each with a forged token for a new random tenant, every shape in turn; answers how many got which status. */
  const flood = async (count: number): Promise<Record<number, number>> => {
    const statuses: Record<number, number> = {};
    let next = 0;
    const body = JSON.stringify(harness.activity(WORKER, { type: 'message', text: 'hei' }));
    const sender = async () => {
      while (next < count) {
        const token = tokenShapes[next++ % tokenShapes.length]!(randomUUID());
        const response = await fetch(`${harness.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    return statuses;
  };

  beforeAll(async () => {
    await identity.start();
    harness = new BotHarness(undefined, {
      MicrosoftAppId: BOT_APP_ID,
      MicrosoftAppPassword: 'loopback-secret',
      MicrosoftAppTenantId: TENANT,
      BOT_OPENID_METADATA_URL: identity.metadataUrl,
      // Every log line is kept in the harness: at info level a refusal writes none.
      LOG_LEVEL: 'info',
    });
    await harness.start();
    tokenShapes = shapes(harness.connector.url, identity.kid);
    cacheOutboundToken();
  });
  afterAll(async () => {
    await harness.stop();
    await identity.stop();
  });

  it(`refuses ${FLOOD} forged tokens for random tenants, Bot Connector and Entra issuers alike, with botbuilder's issuer list, the heap and the time per batch flat`, async () => {
    const issuersBefore = issuers.length;
    expect(await flood(WARM_UP)).toEqual({ 401: WARM_UP });
    const heapBefore = heapAfterCollection();
    const batches: { cpu: number; wall: number }[] = [];
    for (let i = 0; i < BATCHES; i++) {
      const [cpu, wall] = [cpuMs(), performance.now()];
      expect(await flood(BATCH)).toEqual({ 401: BATCH });
      batches.push({ cpu: cpuMs() - cpu, wall: performance.now() - wall });
    }
    const growth = heapAfterCollection() - heapBefore;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.info(
      `${FLOOD} forged tokens: issuer list ${issuersBefore} → ${issuers.length}, heap ${(growth / MB).toFixed(2)} MB, batches of ${BATCH}: ` +
        `CPU ${batches.map((b) => seconds(b.cpu)).join(' → ')}, wall ${batches.map((b) => seconds(b.wall)).join(' → ')}`,
    );
    expect(issuers).toHaveLength(issuersBefore);
    expect(growth).toBeLessThan(FLAT);
    expect(batches.at(-1)!.cpu).toBeLessThanOrEqual(batches[0]!.cpu * SLOWER_AT_MOST + SLACK_MS);
    // The signing keys are read once and kept; a key id nobody published does not fetch them again per request.
    expect(identity.fetched.filter((path) => path.endsWith('openidconfiguration'))).toHaveLength(1);
    expect(identity.fetched.filter((path) => path.endsWith('/keys')).length).toBeLessThanOrEqual(3);
  }, 120_000);

  it('still answers an activity the Bot Connector signed, once the flood is over', async () => {
    const reply = await harness.post(harness.activity(WORKER, { type: 'message', text: 'hei' }), { authorization: `Bearer ${await identity.channelToken(harness.connector.url)}` });
    expect(reply.status).toBe(200);
    expect(cardOf(harness.connector.captured.at(-1)?.activity)).toBeDefined();
  });

  it('keeps out what botbuilder alone would keep: four issuers for every unseen tenant, even under the Bot Connector issuer', () => {
    const before = issuers.length;
    const heapBefore = heapAfterCollection();
    for (let i = 0; i < FLOOD; i++) EmulatorValidation.isTokenFromEmulator(`Bearer ${tokenShapes[0]!(randomUUID())}`);
    const growth = heapAfterCollection() - heapBefore;
    expect(issuers).toHaveLength(before + 4 * FLOOD);
    console.info(`botbuilder alone, ${FLOOD} Bot Connector-issuer tokens with random tenants: issuer list ${before} → ${issuers.length}, heap ${(growth / MB).toFixed(2)} MB`);
    expect(growth).toBeGreaterThan(FLAT);
    issuers.splice(before);
  });
});
