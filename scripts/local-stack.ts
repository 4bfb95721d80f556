import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The pieces of a local run: Redis (started when none answers), the bot, and Playgrounds. */

const children: ChildProcess[] = [];

export function stopAll(): void {
  for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
}

function track(child: ChildProcess, name: string): ChildProcess {
  children.push(child);
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) console.error(`${name} exited with code ${code}`);
  });
  return child;
}

export function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** A Redis that keeps nothing on disk, like the one the development machines start. */
export async function ensureRedis(url: string): Promise<void> {
  if (await redisAnswers(url)) return;
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    if (process.getuid?.() !== 0) throw new Error('Redis does not answer and redis-server is not installed: apt-get install -y redis-server');
    console.log('Installing redis-server from Debian packages…');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  const { hostname, port } = new URL(url);
  console.log(`Starting redis-server on ${hostname}:${port || 6379}`);
  track(spawn('redis-server', ['--bind', hostname, '--port', port || '6379', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }), 'redis-server');
  for (let i = 0; i < 50 && !(await redisAnswers(url)); i++) await sleep(100);
  if (!(await redisAnswers(url))) throw new Error('redis-server did not start');
}

export async function startBot(env: NodeJS.ProcessEnv, port: number): Promise<void> {
  track(spawn(join('node_modules', '.bin', 'tsx'), ['src/main.ts'], { stdio: 'inherit', env: { ...env, PORT: String(port) } }), 'bot');
  for (let i = 0; i < 100; i++) {
    const healthy = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (healthy) return;
    await sleep(200);
  }
  throw new Error('the bot did not become healthy');
}

/** One Playground per user: it has no way to switch the signed-in user in its UI. */
export async function startPlayground(botPort: number, port: number, config: string): Promise<string> {
  const configPath = join(mkdtempSync(join(tmpdir(), 'playground-')), '.m365agentsplayground.yml');
  writeFileSync(configPath, config);
  const child = track(
    spawn(
      join('node_modules', '.bin', 'agentsplayground'),
      ['-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env,
          TEAMSAPPTESTER_BROWSER: 'none',
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
          M365_AGENTS_PLAYGROUND_LOGFILE: join(tmpdir(), `playground-${port}.log`),
        },
      },
    ),
    'agentsplayground',
  );
  // If the port is taken the Playground quietly picks another one, so read the port it reports.
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the Playground did not start')), 30_000);
    child.stdout?.on('data', (data: Buffer) => {
      const match = /Listening on (\d+)/.exec(data.toString());
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
  });
}
