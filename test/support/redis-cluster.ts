import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A port free now; its cluster bus port (+10000) must be free too. */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await listenOnce(0);
    if (port + 10_000 <= 65_535 && (await listenOnce(port + 10_000).then(() => true, () => false))) return port;
  }
}

async function listenOnce(port: number): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A Redis Cluster of three masters and no replicas on local ports, each node a `redis-server` in
 * cluster mode in a directory of its own, no persistence: what Azure Managed Redis with the OSS
 * cluster policy looks like to a client, for the store and bot tests to run against.
 */
export class RedisCluster {
  private readonly nodes: ChildProcess[] = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'yt-redis-cluster-'));

  private constructor(readonly ports: readonly number[]) {}

  static async start(masters = 3): Promise<RedisCluster> {
    const ports: number[] = [];
    while (ports.length < masters) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const cluster = new RedisCluster(ports);
    try {
      await cluster.create();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** As REDIS_URL takes it. */
  get url(): string {
    return `redis+cluster://${this.ports.map((port) => `127.0.0.1:${port}`).join(',')}`;
  }

  private async create(): Promise<void> {
    for (const port of this.ports) {
      const dir = join(this.dir, String(port));
      mkdirSync(dir);
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'];
      this.nodes.push(spawn('redis-server', [...args, '--appendonly', 'no', '--save', ''], { stdio: 'ignore' }));
    }
    for (const port of this.ports) await this.until(port, (reply) => reply.trim() === 'PONG', ['ping']);
    const nodes = this.ports.map((port) => `127.0.0.1:${port}`);
    await run('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    for (const port of this.ports) await this.until(port, (reply) => reply.includes('cluster_state:ok'), ['cluster', 'info']);
  }

  private async until(port: number, ok: (reply: string) => boolean, command: string[]): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const reply = await run('redis-cli', ['-p', String(port), ...command]).then(({ stdout }) => stdout, () => '');
      if (ok(reply)) return;
      await sleep(50);
    }
    throw new Error(`redis-server on port ${port} did not answer ${command.join(' ')} as expected`);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.nodes.map(async (node) => {
        if (node.exitCode !== null || node.signalCode !== null) return;
        const exited = new Promise((resolve) => node.once('exit', resolve));
        node.kill('SIGKILL');
        await exited;
      }),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}
