import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { approve, submitOf, welcome } from './activities.js';
import type { BenchRedis, KeyMemory } from './bench-redis.js';
import { drainEffects } from './effects.js';
import { TargetHost } from './hosts.js';
import { deleteKeys, requestRepository, seedRequests } from './seed.js';

export const OPEN_REQUESTS = 10_000;
/** Requests taken through the bot end to end for the whole Redis footprint of one. */
const FOOTPRINT_SAMPLE = 200;
const APPROVALS_WITH_OPEN = 1000;
const IN_FLIGHT = 10;
const IDLE_MS = 1000;

export interface MemoryBench {
  readonly atRest: NodeJS.MemoryUsage;
  readonly withOpen: NodeJS.MemoryUsage;
  /** INFO used_memory after seeding less before, per request. */
  readonly redisPerRequest: number;
  /** MEMORY USAGE of the request keys and indexes, per request. */
  readonly keysPerRequest: number;
  /** Through the bot: submitted, approved, its fan-out run; every key it left behind, per request. */
  readonly footprintPerRequest: number;
  readonly footprintSample: number;
  /** The same by key family, largest first: family, bytes per request, keys per request. */
  readonly footprintFamilies: readonly (readonly [string, number, number])[];
}

/** The answers must name a YT- reference: a submit or approval the bot refused would leave no request to measure. */
const REFERENCED = (answer: string) => answer.includes('YT-');

async function post(url: string, body: string, proves: (answer: string) => boolean): Promise<void> {
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = await response.text();
  if (response.status !== 200 || !proves(answer)) throw new Error(`the bot answered ${response.status} without doing the work`);
}

/** `count` activities, IN_FLIGHT at a time, as a few people clicking at once would send them. */
async function postMany(url: string, count: number, body: (i: number) => string, proves: (answer: string) => boolean = () => true): Promise<void> {
  for (let start = 0; start < count; start += IN_FLIGHT) {
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count - start) }, (_, i) => post(url, body(start + i), proves)));
  }
}

function perRequest(before: KeyMemory, after: KeyMemory, requests: number): [string, number, number][] {
  return [...after.families]
    .map(([family, { bytes, keys }]): [string, number, number] => {
      const earlier = before.families.get(family) ?? { bytes: 0, keys: 0 };
      return [family, (bytes - earlier.bytes) / requests, (keys - earlier.keys) / requests];
    })
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
}

/**
 * Our bot in a process of its own on the bench's Redis: its memory after a full GC at rest, and
 * again once 10,000 open requests are stored and it has worked on a thousand of them. Requests
 * live in Redis, so the second figure shows whether the bot keeps anything per request.
 */
export async function benchMemory(redis: BenchRedis, serviceUrl: string): Promise<MemoryBench> {
  const prefix = `bench:memory:${randomBytes(4).toString('hex')}:`;
  const host = await TargetHost.start({ target: 'ours', redisUrl: redis.url, prefix });
  try {
    await postMany(host.url, 20, () => welcome(serviceUrl));
    const footprintBefore = await redis.memoryUnder(prefix);
    const sampleIds = Array.from({ length: FOOTPRINT_SAMPLE }, () => randomBytes(16).toString('base64url'));
    await postMany(host.url, FOOTPRINT_SAMPLE, (i) => submitOf(serviceUrl, sampleIds[i]!), REFERENCED);
    await postMany(host.url, FOOTPRINT_SAMPLE, (i) => approve(serviceUrl, sampleIds[i]!), REFERENCED);
    await drainEffects(redis.url, prefix);
    const footprintAfter = await redis.memoryUnder(prefix);
    // At rest after the sample, so the code and templates the bot loads on first use are counted;
    // the pause lets the last answers' sockets and timers close.
    await sleep(IDLE_MS);
    const atRest = await host.memory();

    const usedBefore = await redis.usedMemory();
    const keysBefore = await redis.memoryUnder(prefix);
    const ids = await seedRequests(requestRepository(redis.client, prefix), OPEN_REQUESTS, 'submitted');
    const usedAfter = await redis.usedMemory();
    const keysAfter = await redis.memoryUnder(prefix);

    await postMany(host.url, APPROVALS_WITH_OPEN, (i) => approve(serviceUrl, ids[i]!), REFERENCED);
    await sleep(IDLE_MS);
    const withOpen = await host.memory();
    return {
      atRest,
      withOpen,
      redisPerRequest: (usedAfter - usedBefore) / OPEN_REQUESTS,
      keysPerRequest: (keysAfter.bytes - keysBefore.bytes) / OPEN_REQUESTS,
      footprintPerRequest: (footprintAfter.bytes - footprintBefore.bytes) / FOOTPRINT_SAMPLE,
      footprintSample: FOOTPRINT_SAMPLE,
      footprintFamilies: perRequest(footprintBefore, footprintAfter, FOOTPRINT_SAMPLE),
    };
  } finally {
    await host.stop();
    await deleteKeys(redis.client, prefix);
  }
}
