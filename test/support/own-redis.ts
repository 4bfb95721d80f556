import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A Redis of the test's own on a port of its own, with an AOF (synced on every write unless the
 * settings say otherwise), that the test can kill and start again on the same directory: what
 * survives is what the AOF had.
 */
export class OwnRedis {
  private process?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'yt-own-redis-'));

  private constructor(
    readonly port: number,
    private readonly settings: Readonly<Record<string, string>>,
  ) {}

  /** `settings` are redis-server options by name, e.g. `{ appendfsync: 'everysec' }`. */
  static async start(settings: Readonly<Record<string, string>> = {}): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort(), { appendfsync: 'always', ...settings });
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', '', ...Object.entries(this.settings).flatMap(([name, value]) => [`--${name}`, value])],
      { stdio: 'ignore' },
    );
    this.process = child;
    const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    try {
      for (let i = 0; i < 100; i++) {
        if (child.exitCode !== null) break;
        // A Redis still loading its AOF answers LOADING: only a real PONG means the data is back.
        if (await probe.ping().then((pong) => pong === 'PONG', () => false)) return;
        await sleep(50);
      }
    } finally {
      probe.disconnect();
    }
    throw new Error(`redis-server on port ${this.port} did not start`);
  }

  /** SIGKILL: no shutdown save, so only what the AOF already had survives. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async remove(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
