import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, WORKER, fixedClock, inputValues, submission } from '../support/bot-harness.js';

/** A Redis of this test's own, with AOF, that the test can kill and start again. */
class PersistentRedis {
  private process?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'yt-aof-'));
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''],
      { stdio: 'ignore' },
    );
    const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: null });
    probe.on('error', () => undefined);
    for (let i = 0; i < 100; i++) {
      if (await probe.ping().then(() => true, () => false)) break;
      await sleep(50);
    }
    probe.disconnect();
  }

  /** SIGKILL: no shutdown save; only what the AOF already had survives. */
  async kill(): Promise<void> {
    const exited = new Promise((resolve) => this.process?.once('exit', resolve));
    this.process?.kill('SIGKILL');
    await exited;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('drafts survive restarts', () => {
  const redis = new PersistentRedis(16379 + Math.floor(Math.random() * 1000));

  beforeAll(async () => {
    await redis.start();
  });
  afterAll(async () => {
    await redis.kill();
    redis.cleanup();
  });

  it('keeps a saved draft across a killed Redis and a restarted bot', async () => {
    const first = await new BotHarness(fixedClock('2026-11-24T10:00:00Z'), { REDIS_URL: redis.url }).start();
    const form = await first.newForm(WORKER);
    await first.execute(WORKER, Verb.saveDraft, submission(form, Verb.saveDraft, { wantedServices: 'Säilyy uudelleenkäynnistyksen yli.' }));
    const requestId = submission(form, Verb.saveDraft).requestId;
    const prefix = first.prefix;
    await first.stop({ keepKeys: true });
    // appendfsync everysec: give the AOF its second, as the operations guide promises no more.
    await sleep(1200);
    await redis.kill();
    await redis.start();

    const second = await new BotHarness(fixedClock('2026-11-24T10:05:00Z'), { REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix }).start();
    try {
      const reopened = await second.execute(WORKER, Verb.openRequest, { requestId });
      expect(inputValues(reopened).wantedServices).toBe('Säilyy uudelleenkäynnistyksen yli.');
    } finally {
      await second.stop();
    }
  });
});
