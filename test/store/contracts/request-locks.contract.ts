import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { RequestLocks } from '../../../src/app/ports.js';

/** A promise and the function that settles it, to hold work open until the test lets it go. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** `make(waitMs)`: locks whose waiters give up after `waitMs`; holds must outlast every test's work. */
export function describeRequestLocksContract(name: string, make: (waitMs: number) => RequestLocks): void {
  describe(`request locks contract (${name})`, () => {
    it('runs the work and hands back what it returned', async () => {
      expect(await make(1_000).withLock('r1', async () => 'done')).toBe('done');
    });

    it('lets one holder work on a request at a time, the other after it', async () => {
      const locks = make(2_000);
      const spans: [number, number][] = [];
      const work = async () => {
        const start = performance.now();
        await sleep(60);
        spans.push([start, performance.now()]);
        return spans.length;
      };
      expect((await Promise.all([locks.withLock('r1', work), locks.withLock('r1', work)])).sort()).toEqual([1, 2]);
      const [first, second] = spans;
      expect(second![0]).toBeGreaterThanOrEqual(first![1]);
    });

    it('holds one request without holding up another', async () => {
      const locks = make(300);
      const other = gate();
      const first = locks.withLock('r1', async () => {
        await other.opened;
        return 'r1';
      });
      const second = locks.withLock('r2', async () => {
        other.open();
        return 'r2';
      });
      expect(await Promise.all([first, second])).toEqual(['r1', 'r2']);
    });

    it('gives up after waiting, without running the work', async () => {
      const locks = make(100);
      const release = gate();
      const holder = locks.withLock('r1', () => release.opened);
      await sleep(20);
      let ran = false;
      expect(await locks.withLock('r1', async () => void (ran = true))).toBeUndefined();
      expect(ran).toBe(false);
      release.open();
      await holder;
    });

    it('lets the request go when the work fails', async () => {
      const locks = make(200);
      await expect(locks.withLock('r1', async () => Promise.reject(new Error('work failed')))).rejects.toThrow('work failed');
      expect(await locks.withLock('r1', async () => 'next')).toBe('next');
    });
  });
}
