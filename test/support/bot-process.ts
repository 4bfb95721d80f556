import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { appProcessArgs } from './app-bundle.js';
import { eventually } from './effect-worker-process.js';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `src/main.ts` as its own process on a port of its own, as one of several instances behind a load balancer. */
export class BotProcess {
  readonly output: string[] = [];
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    const keep = (chunk: Buffer) => this.output.push(...String(chunk).split('\n').filter(Boolean));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async start(env: Readonly<Record<string, string>>): Promise<BotProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, appProcessArgs('main'), {
      cwd: process.cwd(),
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const bot = new BotProcess(child, `http://127.0.0.1:${port}`);
    try {
      await eventually(() => fetch(`${bot.url}/readyz`).then((r) => r.ok, () => false), `the bot on ${port} is ready`, 45_000);
    } catch (error) {
      // Nobody holds a bot that never became ready: it must not outlive the test, and its output is all there is to go on.
      await bot.kill();
      throw new Error(`${(error as Error).message}\n${bot.output.slice(-40).join('\n')}`, { cause: error });
    }
    return bot;
  }

  async post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** SIGTERM, as the platform stops an instance; resolves once the process has exited. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const gone = await Promise.race([this.exited.then(() => true), sleep(25_000).then(() => false)]);
    if (!gone) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  /** SIGKILL, as a crashed or evicted instance: activities in flight get no answer, nothing is finished. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }
}
