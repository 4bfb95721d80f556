import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Admission, RateLimiter } from '../../../src/app/ports.js';
import type { Budget } from '../../../src/store/redis-rate-limiter.js';

function refusal(admission: Admission): Extract<Admission, { allowed: false }> {
  if (admission.allowed) throw new Error('expected a refusal, the take was allowed');
  return admission;
}

export function describeRateLimiterContract(name: string, make: (budget: Budget) => RateLimiter): void {
  describe(`rate limiter contract (${name})`, () => {
    it('admits the budget, then refuses until the window ends, telling only the first refusal', async () => {
      const limiter = make({ points: 2, windowSeconds: 60 });
      const admissions = [];
      for (let i = 0; i < 4; i++) admissions.push(await limiter.take('person'));
      expect(admissions.map((a) => a.allowed)).toEqual([true, true, false, false]);
      const refused = admissions.slice(2).map(refusal);
      expect(refused.map((r) => r.firstRefusal)).toEqual([true, false]);
      for (const { retryAfterMs } of refused) {
        expect(retryAfterMs).toBeGreaterThan(55_000);
        expect(retryAfterMs).toBeLessThanOrEqual(60_000);
      }
    });

    it('keeps a budget per key', async () => {
      const limiter = make({ points: 1, windowSeconds: 60 });
      expect((await limiter.take('a')).allowed).toBe(true);
      expect((await limiter.take('a')).allowed).toBe(false);
      expect((await limiter.take('b')).allowed).toBe(true);
    });

    it('admits exactly the budget of simultaneous takes, and tells one refusal first', async () => {
      const limiter = make({ points: 5, windowSeconds: 60 });
      const admissions = await Promise.all(Array.from({ length: 12 }, () => limiter.take('person')));
      expect(admissions.filter((a) => a.allowed)).toHaveLength(5);
      expect(admissions.filter((a) => !a.allowed && a.firstRefusal)).toHaveLength(1);
    });

    it('admits again once the window has ended', async () => {
      const limiter = make({ points: 1, windowSeconds: 1 });
      await limiter.take('person');
      const { retryAfterMs } = refusal(await limiter.take('person'));
      await sleep(retryAfterMs + 50);
      expect(await limiter.take('person')).toEqual({ allowed: true });
    });
  });
}
