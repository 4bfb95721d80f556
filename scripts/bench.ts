import autocannon from 'autocannon';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';
import type { Redis } from 'ioredis';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Verb } from '../cards/verbs.js';
import { loadConfig } from '../src/config/env.js';
import { countyDate } from '../src/domain/time.js';
import { composeBot, type ComposedBot } from '../src/main.js';
import { TENANT, WORKER } from '../test/support/bot-harness.js';
import { COMPLETE_FORM } from '../test/support/forms.js';
import { LoopbackConnector } from '../test/support/loopback-connector.js';

/**
 * Our bot against a bare botbuilder echo bot behind the same express body parsing, replying to
 * the same loopback connector, so the ratio shows what our own code adds per turn. Load
 * generator and bots share one process and event loop: absolute numbers are pessimistic, but
 * each target pays the same for the load.
 */

const CONNECTIONS = 10;
const WARM_UP_SECONDS = 2;
const TARGET_RATIO = 1.5;
// The limit src/http/server.ts gives express.json(), so both bots parse alike.
const BODY_LIMIT = '256kb';

// Once per run: a date never turns future as the run goes on, and formatting it per request
// would take CPU from the bots, which share this process with the load generator.
const DESCRIPTION_DATE = countyDate(new Date());

type Target = 'ours' | 'echo';
type PathName = 'welcome' | 'submit';

interface Scenario {
  readonly target: Target;
  readonly path: PathName;
  readonly url: string;
  readonly body: () => string;
  /** How an answered request proves it did the work, not just that it was answered. */
  readonly proof: 'connector reply' | 'reference in answer';
}

interface Measurement {
  readonly result: autocannon.Result;
  /** Of 2xx answers, in ms: autocannon's own histogram rounds to whole milliseconds. */
  readonly latencies: number[];
  readonly unproven: number;
}

function benchSeconds(): number {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`BENCH_SECONDS must be a positive number, not "${process.env.BENCH_SECONDS}"`);
  return seconds;
}

/** A fresh id each time: our bot drops an activity id it has seen, and would then do no work. */
function activity(serviceUrl: string, fields: Record<string, unknown>): string {
  return JSON.stringify({
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'fi-FI',
    from: { id: `29:${WORKER.aadObjectId}`, name: WORKER.name, aadObjectId: WORKER.aadObjectId },
    recipient: { id: '28:yhteistyobotti', name: 'Yhteistyöbotti' },
    conversation: { id: `a:personal-${WORKER.aadObjectId}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...fields,
  });
}

const message = (serviceUrl: string, text: string) => activity(serviceUrl, { type: 'message', text });

/** A new request id and version 0 each time, so every click creates a request and submits it. */
const submit = (serviceUrl: string) =>
  activity(serviceUrl, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: {
      action: {
        type: 'Action.Execute',
        verb: Verb.submitRequest,
        data: { ...COMPLETE_FORM, descriptionDate: DESCRIPTION_DATE, requestId: randomBytes(16).toString('base64url'), version: 0 },
      },
    },
  });

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/** The least a botbuilder bot does: authenticate (off, as in our local mode), parse, send one reply. */
function startEchoBot(): Promise<Server> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppType: 'MultiTenant' }));
  const bot = new ActivityHandler().onMessage(async (context, next) => {
    await context.sendActivity(context.activity.text);
    await next();
  });
  const app = express();
  app.post('/api/messages', express.json({ limit: BODY_LIMIT }), (req, res) => adapter.process(req, res, (context) => bot.run(context)));
  return listen(app);
}

function fire(scenario: Scenario, seconds: number, connector: LoopbackConnector): Promise<Measurement> {
  const latencies: number[] = [];
  let replies = 0;
  let answersWithoutReference = 0;
  // Counting and dropping as we go keeps thousands of captured cards from growing the heap
  // and taxing whichever run comes later with garbage collection.
  const drainReplies = () => {
    replies += connector.captured.length;
    connector.clear();
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: scenario.url,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/api/messages',
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: scenario.body() }),
            onResponse: (status, body) => {
              if (scenario.proof === 'reference in answer' && (status !== 200 || !body.includes('YT-'))) answersWithoutReference++;
            },
          },
        ],
      },
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        drainReplies();
        // Requests cut off at the end may still reply, so replies can exceed answers, never fall short.
        const unproven = scenario.proof === 'connector reply' ? Math.max(0, result['2xx'] - replies) : answersWithoutReference;
        resolve({ result, latencies, unproven });
      },
    );
    instance.on('tick', drainReplies);
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

function problemsOf(label: string, scenario: Scenario, { result, unproven }: Measurement): string | undefined {
  if (result.errors + result.timeouts + result.non2xx + unproven === 0) return undefined;
  return `${label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, ${unproven} answers without ${scenario.proof}`;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface Row {
  readonly scenario: Scenario;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

function rowOf(scenario: Scenario, { result, latencies }: Measurement): Row {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    scenario,
    rps: result.requests.average,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

function print(rows: readonly Row[], seconds: number, submitBytes: number): void {
  const table = [
    ['target', 'path', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
    ...rows.map((r) => [r.scenario.target, r.scenario.path, r.rps.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2), String(r.non2xx), String(r.errors)]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  const lines = table.map((line) => line.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
  console.log(`\n${CONNECTIONS} connections, ${seconds} s measured after ${WARM_UP_SECONDS} s of warm-up per run`);
  console.log(`echo "submit" is a message of the submit's size (${submitBytes} bytes)\n`);
  console.log(lines.join('\n'));
  console.log('');
  for (const path of ['welcome', 'submit'] as const) {
    const ours = rows.find((r) => r.scenario.target === 'ours' && r.scenario.path === path);
    const echo = rows.find((r) => r.scenario.target === 'echo' && r.scenario.path === path);
    if (!ours || !echo) continue;
    const ratio = ours.p50 / echo.p50;
    console.log(`${path}: ours/echo at p50 = ${ratio.toFixed(2)}x; within ${TARGET_RATIO}x of the echo bot: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`);
  }
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  for (let start = 0; start < keys.length; start += 500) await redis.del(...keys.slice(start, start + 500));
}

/**
 * The interactive path is what a user waits for; what a submit sets in motion (Teams fan-out) runs
 * as jobs. On a two-core machine a worker running during the measurement would take the CPU the
 * load generator and both bots share, so the queue fills during the run and a separate worker
 * process (`npm run worker`, as production may run it) drains it afterwards, timed on its own.
 */
async function drainEffects(env: Readonly<Record<string, string>>, ours: ComposedBot, effects: number): Promise<{ effects: number; seconds: number }> {
  const started = performance.now();
  const worker = spawn(join('node_modules', '.bin', 'tsx'), ['src/worker.ts'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    await ours.settled(300_000);
  } finally {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }
  return { effects, seconds: (performance.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const seconds = benchSeconds();
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const connector = new LoopbackConnector();
  const serviceUrl = await connector.start();
  const env = { NODE_ENV: 'test', REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent', EFFECT_WORKER: 'off' } as const;
  const ours = composeBot(loadConfig(env));
  const servers: Server[] = [];
  let failed = false;
  let fanOut: { effects: number; seconds: number } | undefined;
  try {
    const oursServer = await listen(ours.app);
    servers.push(oursServer);
    const echoServer = await startEchoBot();
    servers.push(echoServer);
    const submitBytes = Buffer.byteLength(submit(serviceUrl));
    const sameSize = 'a'.repeat(submitBytes - Buffer.byteLength(message(serviceUrl, '')));
    // Echo runs last: a submit cut off when autocannon stops is then long done before the keys are deleted.
    const scenarios: Scenario[] = [
      { target: 'ours', path: 'welcome', url: urlOf(oursServer), body: () => message(serviceUrl, 'hei'), proof: 'connector reply' },
      { target: 'echo', path: 'welcome', url: urlOf(echoServer), body: () => message(serviceUrl, 'hei'), proof: 'connector reply' },
      { target: 'ours', path: 'submit', url: urlOf(oursServer), body: () => submit(serviceUrl), proof: 'reference in answer' },
      { target: 'echo', path: 'submit', url: urlOf(echoServer), body: () => message(serviceUrl, sameSize), proof: 'connector reply' },
    ];
    const rows: Row[] = [];
    for (const scenario of scenarios) {
      const label = `${scenario.target} ${scenario.path}`;
      process.stderr.write(`${label}: warm-up ${WARM_UP_SECONDS} s, then ${seconds} s\n`);
      const warmUp = await fire(scenario, WARM_UP_SECONDS, connector);
      const measured = await fire(scenario, seconds, connector);
      for (const problem of [problemsOf(`${label} (warm-up)`, scenario, warmUp), problemsOf(label, scenario, measured)]) {
        if (problem === undefined) continue;
        failed = true;
        console.error(problem);
      }
      rows.push(rowOf(scenario, measured));
      if (scenario.target === 'ours' && scenario.path === 'submit') fanOut = await drainEffects(env, ours, warmUp.latencies.length + measured.latencies.length);
    }
    print(rows, seconds, submitBytes);
    if (fanOut) console.log(`\nfan-out: ${fanOut.effects} submits' effects (approval cards, notices, card refreshes) run by a separate worker process in ${fanOut.seconds.toFixed(1)} s, ${(fanOut.effects / fanOut.seconds).toFixed(0)}/s`);
  } finally {
    await deleteKeys(ours.redis, prefix);
    await Promise.all(servers.map(close));
    await ours.close();
    await connector.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
