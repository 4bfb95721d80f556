import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { build } from 'esbuild';

export type Target = 'ours' | 'echo';

export interface HostSettings {
  readonly target: Target;
  readonly redisUrl: string;
  readonly prefix: string;
  /** The loopback OpenID document; set, the bot checks the channel's JWT on every activity. */
  readonly metadataUrl?: string | undefined;
}

export type HostReport =
  | { readonly kind: 'listening'; readonly port: number }
  | { readonly kind: 'memory'; readonly memory: NodeJS.MemoryUsage }
  | { readonly kind: 'cpu'; readonly cpu: NodeJS.CpuUsage };

export function hostSettingsOf(env: NodeJS.ProcessEnv): HostSettings {
  const target = env.BENCH_TARGET;
  if (target !== 'ours' && target !== 'echo') throw new Error(`BENCH_TARGET must be ours or echo, not "${target}"`);
  return { target, redisUrl: env.BENCH_REDIS_URL ?? '', prefix: env.BENCH_PREFIX ?? '', metadataUrl: env.BENCH_OPENID_METADATA_URL || undefined };
}

const HOST_START_TIMEOUT_MS = 60_000;
/** Inside node_modules, so the bundle finds the packages it leaves out by walking up, as dist/ would. */
const HOST_BUNDLE = 'node_modules/.cache/yt-bench/target-host.js';

/**
 * The host compiled to one plain JavaScript file, as `npm start` runs compiled code: under tsx its
 * loader thread and compile cache would be counted in the bot's memory.
 */
export async function bundleHost(): Promise<void> {
  await build({
    entryPoints: ['scripts/bench/target-host.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    packages: 'external',
    sourcemap: 'inline',
    outfile: HOST_BUNDLE,
    logLevel: 'warning',
  });
}

/** A bot of scripts/bench/target-host.ts (bundled first with `bundleHost`) in its own process, answering on loopback. */
export class TargetHost {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(settings: HostSettings): Promise<TargetHost> {
    const child = spawn(process.execPath, ['--expose-gc', '--enable-source-maps', HOST_BUNDLE], {
      env: {
        ...process.env,
        BENCH_TARGET: settings.target,
        BENCH_REDIS_URL: settings.redisUrl,
        BENCH_PREFIX: settings.prefix,
        BENCH_OPENID_METADATA_URL: settings.metadataUrl ?? '',
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    // botbuilder prints every refused token with its keys to stderr; kept only to explain a bot that did not start.
    const errors: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => {
      errors.push(String(chunk));
      if (errors.length > 50) errors.shift();
    });
    const failed = (what: string) => new Error(`the ${settings.target} bot ${what}\n${errors.join('')}`);
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(failed('did not start')), HOST_START_TIMEOUT_MS);
      child.on('message', (report: HostReport) => {
        if (report.kind !== 'listening') return;
        clearTimeout(timer);
        resolve(report.port);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(failed(`exited with ${code} before listening`));
      });
    });
    return new TargetHost(child, `http://127.0.0.1:${port}`);
  }

  /** The bot's own figures after a full garbage collection. */
  async memory(): Promise<NodeJS.MemoryUsage> {
    return (await this.ask('memory')).memory;
  }

  /** The CPU time the bot's process has used so far, user plus system, in microseconds. */
  async cpuMicros(): Promise<number> {
    const { cpu } = await this.ask('cpu');
    return cpu.user + cpu.system;
  }

  private ask<K extends 'memory' | 'cpu'>(kind: K): Promise<Extract<HostReport, { kind: K }>> {
    const answer = new Promise<Extract<HostReport, { kind: K }>>((resolve) => {
      const listen = (report: HostReport) => {
        if (report.kind !== kind) return;
        this.child.off('message', listen);
        resolve(report as Extract<HostReport, { kind: K }>);
      };
      this.child.on('message', listen);
    });
    this.child.send(kind);
    return answer;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}
