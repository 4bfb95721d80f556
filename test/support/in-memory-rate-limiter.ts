import type { Admission, RateLimiter } from '../../src/app/ports.js';
import type { Budget } from '../../src/store/redis-rate-limiter.js';

/** A fixed window per key that opens at the key's first take, as the Redis limiter's does. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { endsAt: number; taken: number }>();

  constructor(private readonly budget: Budget) {}

  async take(key: string): Promise<Admission> {
    const now = Date.now();
    const open = this.windows.get(key);
    const window = open && open.endsAt > now ? open : { endsAt: now + this.budget.windowSeconds * 1000, taken: 0 };
    window.taken += 1;
    this.windows.set(key, window);
    if (window.taken <= this.budget.points) return { allowed: true };
    return { allowed: false, retryAfterMs: window.endsAt - now, firstRefusal: window.taken === this.budget.points + 1 };
  }
}
