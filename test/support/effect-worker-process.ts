import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { appProcessArgs } from './app-bundle.js';

/** Polls until `check` holds; the error names what never happened. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

/**
 * `src/worker.ts` as its own process, as `npm run worker` runs it in production (compiled: see
 * app-bundle.ts), that a test can SIGKILL. Its log lines are kept for a failing test to show.
 */
export class EffectWorkerProcess {
  readonly output: string[] = [];
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => this.output.push(...String(chunk).split('\n').filter(Boolean));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static start(env: Readonly<Record<string, string>>): EffectWorkerProcess {
    return new EffectWorkerProcess(
      spawn(process.execPath, appProcessArgs('worker'), { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
  }

  /** Resolves once the worker has composed itself and started taking jobs (or waiting for Redis to). */
  running(timeoutMs = 15_000): Promise<void> {
    return eventually(() => this.output.some((line) => line.includes('effect worker running')), 'the effect worker runs', timeoutMs);
  }

  /**
   * CPU time the process has used so far, user and system, in ms: what its work cost whatever else
   * shares the cores. Linux only (/proc), in clock ticks of 10 ms.
   */
  cpuMs(): number {
    // The fields after the parenthesised command name start at the state, the third field; utime and stime are the 14th and 15th.
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** No shutdown: the jobs it holds stay active in Redis until their locks lapse. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const gone = await Promise.race([this.exited.then(() => true), sleep(5000).then(() => false)]);
    if (!gone) await this.kill();
  }
}
