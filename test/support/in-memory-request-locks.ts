import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestLocks } from '../../src/app/ports.js';

/** Request locks in one process: a waiter polls for up to `waitMs`, as the Redis locks do. */
export class InMemoryRequestLocks implements RequestLocks {
  private readonly held = new Set<string>();

  constructor(private readonly waitMs = 3_000) {}

  async withLock<T>(requestId: string, work: () => Promise<T>): Promise<T | undefined> {
    const deadline = Date.now() + this.waitMs;
    while (this.held.has(requestId)) {
      if (Date.now() > deadline) return undefined;
      await sleep(5);
    }
    this.held.add(requestId);
    try {
      return await work();
    } finally {
      this.held.delete(requestId);
    }
  }
}
