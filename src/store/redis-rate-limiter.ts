import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Admission, RateLimiter } from '../app/ports.js';
import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';

export interface Budget {
  readonly points: number;
  readonly windowSeconds: number;
}

/**
 * A fixed window per key in Redis, so several instances share one budget. A Redis outage must
 * not turn into refusing everyone: while the store does not answer, every activity is let
 * through and the operator is told.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: RedisClient,
    prefix: string,
    name: string,
    private readonly budget: Budget,
    private readonly onStoreError: (error: unknown) => void,
  ) {
    // Not ready means refused at once, never queued behind a connection that may not come back.
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: new KeySpace(prefix).rateLimitPrefix(name),
      points: budget.points,
      duration: budget.windowSeconds,
      rejectIfRedisNotReady: true,
    });
  }

  async take(key: string): Promise<Admission> {
    try {
      await this.limiter.consume(key);
      return { allowed: true };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) {
        return { allowed: false, retryAfterMs: outcome.msBeforeNext, firstRefusal: outcome.consumedPoints === this.budget.points + 1 };
      }
      this.onStoreError(outcome);
      return { allowed: true };
    }
  }
}
