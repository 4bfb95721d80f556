import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from '../../test/support/bot-process.js';

export interface KeyMemory {
  readonly bytes: number;
  readonly families: ReadonlyMap<string, { readonly bytes: number; readonly keys: number }>;
}

/** Request ids, activity ids and job ids are base64url or UUIDs of 16 characters or more; numbers end a key. */
const familyOf = (key: string) => key.replace(/[A-Za-z0-9_-]{16,}/g, '<id>').replace(/:\d+$/, ':<n>');

/**
 * A redis-server of the bench's own, set up as the README asks for production (AOF with
 * `appendfsync everysec`, no eviction): other people's test runs on the shared Redis cannot
 * disturb the timings, and INFO memory counts the bench's keys only.
 */
export class BenchRedis {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly url: string,
    readonly client: Redis,
  ) {}

  static async start(): Promise<BenchRedis> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'yt-bench-redis-'));
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--maxmemory-policy', 'noeviction'],
      { stdio: 'ignore' },
    );
    const url = `redis://127.0.0.1:${port}`;
    const client = new Redis(url, { lazyConnect: true, retryStrategy: () => 50 });
    client.on('error', () => undefined);
    for (let i = 0; i < 100 && child.exitCode === null; i++) {
      if (await client.ping().then((pong) => pong === 'PONG', () => false)) return new BenchRedis(child, dir, url, client);
      await sleep(50);
    }
    child.kill('SIGKILL');
    client.disconnect();
    throw new Error(`redis-server on port ${port} did not start`);
  }

  async usedMemory(): Promise<number> {
    return Number(/used_memory:(\d+)/.exec(await this.client.info('memory'))?.[1]);
  }

  /**
   * What the keys under a prefix take, each counted exactly (SAMPLES 0 looks at every element),
   * by family: the key less the prefix, with ids and numbers written as <id> and <n>.
   */
  async memoryUnder(prefix: string): Promise<KeyMemory> {
    const families = new Map<string, { bytes: number; keys: number }>();
    let cursor = '0';
    do {
      const [next, batch] = await this.client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      const pipeline = this.client.pipeline();
      for (const key of batch) pipeline.memory('USAGE', key, 'SAMPLES', 0);
      const usages = (await pipeline.exec()) ?? [];
      batch.forEach((key, i) => {
        const [error, usage] = usages[i] ?? [];
        if (error || typeof usage !== 'number') return;
        const family = familyOf(key.slice(prefix.length));
        const counted = families.get(family) ?? { bytes: 0, keys: 0 };
        families.set(family, { bytes: counted.bytes + usage, keys: counted.keys + 1 });
      });
    } while (cursor !== '0');
    return { bytes: [...families.values()].reduce((sum, f) => sum + f.bytes, 0), families };
  }

  async stop(): Promise<void> {
    this.client.disconnect();
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
