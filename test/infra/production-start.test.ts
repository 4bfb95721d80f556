import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTab } from '../../scripts/build-tab.js';
import { freePort } from '../support/bot-process.js';
import { sharedRedis } from '../support/shared-redis.js';

/**
 * The Dockerfile's runtime stage replayed without Docker: its COPY and `npm ci` steps, in order,
 * into a temporary folder (the install from the npm cache, as the tests may not download), from
 * a build made as its build stage makes one. Then `npm start` there, as an operator or App
 * Service's default start would, must serve without building and without dev dependencies.
 */

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
const runtimeStage = readFileSync('Dockerfile', 'utf8').split(/^FROM /m).at(-1) ?? '';
const instructions = runtimeStage
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .slice(1)
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

/** Parts of RUN lines that change nothing the app runs with. */
const NOT_REPLAYED = new Set(['npm cache clean --force']);

const { prefix } = sharedRedis();
const root = mkdtempSync(join(tmpdir(), 'yt-runtime-'));
// Removing a production node_modules takes a while on a busy disk.
afterAll(() => rmSync(root, { recursive: true, force: true }), 120_000);

// The children run on the Node running this test (24, from the node devDependency), with nothing
// of this npm run's environment: only the npm cache and user config are kept, so the offline
// install finds what `npm ci` put there.
const childEnv: Record<string, string> = Object.fromEntries(
  Object.entries({
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    HOME: process.env.HOME,
    npm_config_cache: process.env.npm_config_cache,
    npm_config_userconfig: process.env.npm_config_userconfig,
  }).filter((entry): entry is [string, string] => entry[1] !== undefined),
);

/** A child to completion; fails the test with its output unless it exits 0. */
async function run(command: string, args: readonly string[], cwd: string): Promise<void> {
  const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => output.push(String(chunk)));
  const code = await new Promise<number | null>((resolve) => child.once('close', (status) => resolve(status)));
  expect(code, `${command} ${args.join(' ')}\n${output.join('')}`).toBe(0);
}

/** The build stage's `npm run build`, written to `out` instead of the checkout's dist/. */
async function buildInto(out: string): Promise<void> {
  expect(packageJson.scripts.build, 'the replay below follows this script').toBe('tsc -p tsconfig.build.json && npm run build:tab');
  expect(packageJson.scripts['build:tab']).toBe('tsx scripts/build-tab.ts');
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', join(out, 'dist')], process.cwd());
  await buildTab(join(out, 'dist', 'tab'));
}

/**
 * The runtime stage's steps into `app` (its WORKDIR /app). As with BuildKit, the install runs
 * while the build stage builds; a COPY --from=build waits for `built`, the build stage's /app.
 */
async function replayRuntimeStage(app: string, built: Promise<string>): Promise<void> {
  for (const line of instructions) {
    const [instruction = '', ...args] = line.split(/\s+/);
    if (instruction === 'WORKDIR') expect(args).toEqual(['/app']);
    if (instruction === 'COPY') {
      const from = args[0]?.startsWith('--from=') ? args.shift() : undefined;
      const destination = args.pop() ?? '';
      if (from) expect(from, line).toBe('--from=build');
      const build = from ? await built : '';
      for (const source of args) {
        const origin = from ? join(build, source.replace(/^\/app\/?/, '')) : source;
        const target = destination.endsWith('/') ? join(app, destination, basename(source)) : join(app, destination);
        mkdirSync(dirname(target), { recursive: true });
        cpSync(origin, target, { recursive: true });
      }
    }
    if (instruction === 'RUN') {
      for (const step of args.join(' ').split('&&').map((s) => s.trim())) {
        if (NOT_REPLAYED.has(step)) continue;
        const [command, ...rest] = step.split(/\s+/);
        expect(`${command} ${rest[0]}`, `a RUN step this test does not know how to replay: ${step}`).toBe('npm ci');
        await run('npm', [...rest, '--offline'], app);
      }
    }
  }
}

/** Whether any process of the group `npm start` leads still runs. */
function groupRuns(leader: number): boolean {
  try {
    process.kill(-leader, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the production image's file set", () => {
  it('starts with `npm start` from the prebuilt dist/, without building, dev dependencies or TypeScript, and stops on SIGTERM', async () => {
    const build = join(root, 'build');
    const app = join(root, 'app');
    mkdirSync(app, { recursive: true });
    const built = buildInto(build).then(() => build);
    await Promise.all([replayRuntimeStage(app, built), built]);

    for (const devOnly of ['typescript', 'tsx', 'vitest', 'esbuild', 'node', 'chart.js', '@microsoft/teams-js']) {
      expect(existsSync(join(app, 'node_modules', devOnly)), devOnly).toBe(false);
    }
    for (const needed of ['dist/src/main.js', 'dist/src/worker.js', 'dist/tab/metrics.js', 'NOTICE', 'node_modules/botbuilder']) {
      expect(existsSync(join(app, needed)), needed).toBe(true);
    }
    expect(existsSync(join(app, 'src')) || existsSync(join(app, 'tsconfig.build.json'))).toBe(false);

    const port = await freePort();
    const child = spawn('npm', ['start'], {
      cwd: app,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...childEnv,
        NODE_ENV: 'production',
        PORT: String(port),
        BIND_ADDRESS: '127.0.0.1',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        REDIS_KEY_PREFIX: prefix(),
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppId: '11111111-2222-4333-8444-555555555555',
        MicrosoftAppTenantId: '66666666-7777-4888-9999-aaaaaaaaaaaa',
        DATA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}`,
        PUBLIC_BASE_URL: 'https://yt-sample-bot.azurewebsites.net',
        EFFECT_WORKER: 'off',
      },
    });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => output.push(String(chunk)));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const answers = async (path: string) => fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.status, () => 0);
      let health = 0;
      for (let tries = 0; tries < 150 && health !== 200 && child.exitCode === null; tries++) {
        await sleep(200);
        health = await answers('/healthz');
      }
      expect(health, output.join('')).toBe(200);
      expect(await answers('/readyz'), output.join('')).toBe(200);
      expect(output.join('')).toContain('Yhteistyöbotti listening');
      expect(output.join(''), 'nothing was built').not.toMatch(/\btsc\b|build:tab/);

      // SIGTERM to the whole group: npm exits on it at once without passing it on to the bot
      // (why the image's CMD and App Service run node directly), so the bot is signalled itself
      // and must finish its shutdown and exit.
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
      for (let tries = 0; tries < 125 && groupRuns(child.pid!); tries++) await sleep(200);
      expect(groupRuns(child.pid!), output.join('')).toBe(false);
      expect(output.join('')).toContain('shutting down');
    } finally {
      if (groupRuns(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
    }
  }, 120_000);
});
