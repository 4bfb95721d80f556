import { randomBytes } from 'node:crypto';
import { SUPERVISOR } from '../../test/support/bot-harness.js';
import type { LoopbackConnector } from '../../test/support/loopback-connector.js';
import { acknowledge, approve, hello, nameWorker, submit, welcome } from './activities.js';
import type { BenchRedis } from './bench-redis.js';
import type { LoopbackChannelAuth } from './channel-auth.js';
import { drainEffects } from './effects.js';
import { TargetHost, type Target } from './hosts.js';
import { fire, problemOf, type Auth, type Measurement, type PathName, type Proof, type Scenario } from './load.js';
import { countInState, deleteKeys, requestRepository, seedRequests, type SeedState } from './seed.js';

const PATHS: readonly PathName[] = ['welcome', 'submit', 'approval', 'acknowledge', 'name'];

/** The clicks that each take a request of their own from a pool seeded in the state they start from. */
const POOLED: Partial<Record<PathName, SeedState>> = { approval: 'submitted', acknowledge: 'routed', name: 'acknowledged' };
const AUTHS: readonly Auth[] = ['off', 'JWT'];

export interface ThroughputSettings {
  readonly seconds: number;
  readonly warmUpSeconds: number;
  readonly redis: BenchRedis;
  readonly connector: LoopbackConnector;
  readonly serviceUrl: string;
  readonly channelAuth: LoopbackChannelAuth;
}

export interface PathResult {
  readonly auth: Auth;
  readonly path: PathName;
  readonly ours: Measurement;
  readonly echo: Measurement;
  /** CPU time of each bot's process per answered request over the measured run (µs, user + system). */
  readonly cpuMicros: Readonly<Record<Target, number>>;
}

export interface ThroughputOutcome {
  readonly results: readonly PathResult[];
  /** Errors, non-2xx answers and answers without proof of the work; none in a sound run. */
  readonly problems: readonly string[];
  readonly fanOut?: { readonly effects: number; readonly seconds: number } | undefined;
  /** What each bot with JWT checking answered an activity whose token was signed with a key not in the JWKS. */
  readonly forgedTokenAnswers: Readonly<Partial<Record<Target, number>>>;
  /** Per approval run: answers that showed the approved card, and requests found routed afterwards. */
  readonly approvals: readonly { readonly auth: Auth; readonly answered: number; readonly routed: number; readonly seeded: number }[];
}

const isCard = (body: string) => body.includes('application/vnd.microsoft.card.adaptive');

/** Ours answers a click with the replacing card, which names the request's YT- reference once it is sent. */
const REFERENCED_CARD: Proof = { kind: 'answer', what: 'a card with the YT- reference', holds: (body) => isCard(body) && body.includes('YT-') };
const ECHOED: Proof = { kind: 'answer', what: 'the echoed data', holds: (body) => body.includes('"statusCode":200') };
const REPLY: Proof = { kind: 'connector reply' };

/** Submitted requests for the approval run, each approved once: a repeated approval is no transition. */
class RequestPool {
  private taken = 0;

  constructor(private readonly ids: readonly string[]) {}

  /** Past the end the last id comes again; the bot then refuses and the answer counts as unproven. */
  take(): string {
    return this.ids[Math.min(this.taken++, this.ids.length - 1)]!;
  }

  get used(): readonly string[] {
    return this.ids.slice(0, Math.min(this.taken, this.ids.length));
  }
}

async function post(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<number> {
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  await response.text();
  return response.status;
}

interface Collected {
  readonly results: PathResult[];
  readonly problems: string[];
  readonly approvals: { auth: Auth; answered: number; routed: number; seeded: number }[];
  readonly forgedTokenAnswers: Partial<Record<Target, number>>;
  fanOut?: { readonly effects: number; readonly seconds: number } | undefined;
}

/**
 * Our bot and a plain botbuilder echo bot, each in a process of its own, taking the same
 * activities (byte for byte) from one load generator, first without and then with JWT checking.
 * Per path ours runs first, then the echo bot.
 */
export async function benchThroughput(s: ThroughputSettings): Promise<ThroughputOutcome> {
  const prefix = `bench:throughput:${randomBytes(4).toString('hex')}:`;
  const collected: Collected = { results: [], problems: [], approvals: [], forgedTokenAnswers: {} };
  try {
    for (const auth of AUTHS) await benchRound(s, auth, prefix, collected);
  } finally {
    await deleteKeys(s.redis.client, prefix);
  }
  return collected;
}

async function benchRound(s: ThroughputSettings, auth: Auth, prefix: string, collected: Collected): Promise<void> {
  const { problems } = collected;
  const repository = requestRepository(s.redis.client, prefix);
  const metadataUrl = auth === 'JWT' ? s.channelAuth.metadataUrl : undefined;
  const headers: Record<string, string> = auth === 'JWT' ? { authorization: `Bearer ${s.channelAuth.token}` } : {};
  const hosts: Record<Target, TargetHost> = {
    ours: await TargetHost.start({ target: 'ours', redisUrl: s.redis.url, prefix, metadataUrl }),
    echo: await TargetHost.start({ target: 'echo', redisUrl: s.redis.url, prefix, metadataUrl }),
  };
  try {
    // The supervisor's chat is where the fan-out sends approval cards; Teams would have it from the first hello.
    const greeted = await post(hosts.ours.url, hello(s.serviceUrl, SUPERVISOR), headers);
    if (greeted !== 200) throw new Error(`our bot answered a greeting with ${greeted}`);
    if (auth === 'JWT') {
      // Proof that the tokens are checked, not merely carried: a forged one is refused (plain
      // botbuilder refuses with a 500, ours with a 401).
      for (const target of ['ours', 'echo'] as const) {
        const status = await post(hosts[target].url, welcome(s.serviceUrl), { authorization: `Bearer ${s.channelAuth.forgedToken}` });
        collected.forgedTokenAnswers[target] = status;
        if (status < 400) problems.push(`${target} with JWT answered a forged token with ${status}`);
      }
    }
    let fastestOurs = 0;
    for (const path of PATHS) {
      const measured: Partial<Record<Target, Measurement>> = {};
      const cpuMicros: Partial<Record<Target, number>> = {};
      for (const target of ['ours', 'echo'] as const) {
        // Twice the best rate ours has shown, so the pool outlasts the run.
        const seeded = POOLED[path];
        const pool =
          seeded && target === 'ours'
            ? new RequestPool(await seedRequests(repository, Math.ceil(fastestOurs * 2 * (s.warmUpSeconds + s.seconds)) + 500, seeded))
            : undefined;
        const scenario = scenarioOf(target, path, auth, hosts[target].url, s.serviceUrl, headers, pool);
        const label = `${target} ${path}${auth === 'JWT' ? ' with JWT' : ''}`;
        process.stderr.write(`${label}: warm-up ${s.warmUpSeconds} s, then ${s.seconds} s\n`);
        const warmUp = await fire(scenario, s.warmUpSeconds, s.connector);
        const cpuBefore = await hosts[target].cpuMicros();
        const run = await fire(scenario, s.seconds, s.connector);
        cpuMicros[target] = ((await hosts[target].cpuMicros()) - cpuBefore) / Math.max(1, run.requests);
        for (const problem of [problemOf(`${label} (warm-up)`, scenario, warmUp), problemOf(label, scenario, run)]) if (problem) problems.push(problem);
        measured[target] = run;
        if (target === 'ours') fastestOurs = Math.max(fastestOurs, run.rps);
        if (pool && path === 'approval') {
          const answered = warmUp.requests + run.requests - warmUp.unproven - run.unproven;
          const routed = await countInState(repository, pool.used, 'routed');
          collected.approvals.push({ auth, answered, routed, seeded: pool.used.length });
          if (routed < answered) problems.push(`approval with auth ${auth}: ${answered} approvals answered, only ${routed} requests routed`);
        }
        // What a submit sets in motion (Teams fan-out) runs as jobs; during the run a worker would take
        // the CPU of a two-core machine from the bots, so one drains the queue afterwards, timed on its own.
        if (target === 'ours' && path === 'submit' && auth === 'off') {
          process.stderr.write('fan-out of the submits: drained by a worker process\n');
          collected.fanOut = { effects: warmUp.requests + run.requests, seconds: await drainEffects(s.redis.url, prefix) };
        }
      }
      collected.results.push({ auth, path, ours: measured.ours!, echo: measured.echo!, cpuMicros: { ours: cpuMicros.ours!, echo: cpuMicros.echo! } });
    }
  } finally {
    await hosts.ours.stop();
    await hosts.echo.stop();
  }
}

function scenarioOf(
  target: Target,
  path: PathName,
  auth: Auth,
  url: string,
  serviceUrl: string,
  headers: Readonly<Record<string, string>>,
  pool: RequestPool | undefined,
): Scenario {
  const base = { target, path, auth, url, headers };
  switch (path) {
    case 'welcome':
      return { ...base, body: () => welcome(serviceUrl), proof: REPLY };
    case 'submit':
      return { ...base, body: () => submit(serviceUrl), proof: target === 'ours' ? REFERENCED_CARD : ECHOED };
    case 'approval':
    case 'acknowledge':
    case 'name': {
      const idle = randomBytes(16).toString('base64url');
      const clickOf = { approval: approve, acknowledge, name: nameWorker }[path];
      return { ...base, body: () => clickOf(serviceUrl, pool ? pool.take() : idle), proof: target === 'ours' ? REFERENCED_CARD : ECHOED };
    }
  }
}
