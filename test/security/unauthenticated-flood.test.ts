import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EmulatorValidation, ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness, TENANT, WORKER } from '../support/bot-harness.js';
import { BOT_APP_ID, ConnectorIdentity, unsignedToken } from '../support/connector-identity.js';

// A heap compared before and after means something only after a full collection.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const FLOOD = 5000;
const CONCURRENCY = 25;
const MB = 1024 * 1024;
/**
 * What "flat" allows: the first few thousand requests of a process compile code and fill caches
 * (about 2 MB here), so the flood is measured after a warm-up; what botbuilder's issuer list alone
 * adds for the same number of tenants is measured below, and is well above this.
 */
const FLAT = 1.5 * MB;
const WARM_UP = 2000;

/** An Entra-style token naming a tenant nobody has seen: what botbuilder 4.23 adds issuers for, signed or not. */
const strangerToken = () => {
  const tid = randomUUID();
  return unsignedToken({ iss: `https://sts.windows.net/${tid}/`, tid, aud: BOT_APP_ID, appid: BOT_APP_ID, ver: '1.0' });
};

const heapAfterCollection = () => {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

describe('a flood of unauthenticated activities', () => {
  const identity = new ConnectorIdentity();
  let harness: BotHarness;
  const issuers = ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[];

  /** Posts `count` activities, each with a token for a new random tenant; answers how many got which status. */
  const flood = async (count: number): Promise<Record<number, number>> => {
    const statuses: Record<number, number> = {};
    let next = 0;
    const body = JSON.stringify(harness.activity(WORKER, { type: 'message', text: 'hei' }));
    const sender = async () => {
      while (next++ < count) {
        const response = await fetch(`${harness.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${strangerToken()}` },
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
  });
  afterAll(async () => {
    await harness.stop();
    await identity.stop();
  });

  it(`refuses ${FLOOD} activities with random tenant ids before botbuilder sees them, and memory stays flat`, async () => {
    const issuersBefore = issuers.length;
    expect(await flood(WARM_UP)).toEqual({ 401: WARM_UP });
    const heapBefore = heapAfterCollection();
    const statuses = await flood(FLOOD);
    const growth = heapAfterCollection() - heapBefore;
    expect(statuses).toEqual({ 401: FLOOD });
    // Nothing reached botbuilder: its issuer list is as it was, and it never even fetched the signing keys.
    expect(issuers).toHaveLength(issuersBefore);
    expect(identity.fetched).toEqual([]);
    console.info(`heap growth over ${FLOOD} refused activities: ${(growth / MB).toFixed(2)} MB`);
    expect(growth).toBeLessThan(FLAT);
    // About 8 s alone; more while every other test file runs beside it.
  }, 60_000);

  it('keeps out what botbuilder alone would keep: four issuers for every unseen tenant, more memory than "flat" allows', () => {
    const before = issuers.length;
    const heapBefore = heapAfterCollection();
    for (let i = 0; i < FLOOD; i++) EmulatorValidation.isTokenFromEmulator(`Bearer ${strangerToken()}`);
    const growth = heapAfterCollection() - heapBefore;
    expect(issuers).toHaveLength(before + 4 * FLOOD);
    console.info(`heap growth from botbuilder's issuer list for ${FLOOD} tenants: ${(growth / MB).toFixed(2)} MB`);
    expect(growth).toBeGreaterThan(FLAT);
    issuers.splice(before);
  });
});
