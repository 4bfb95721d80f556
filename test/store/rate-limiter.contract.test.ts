import { RedisRateLimiter } from '../../src/store/redis-rate-limiter.js';
import { InMemoryRateLimiter } from '../support/in-memory-rate-limiter.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeRateLimiterContract } from './contracts/rate-limiter.contract.js';

const { redis, prefix } = sharedRedis();

describeRateLimiterContract('in memory', (budget) => new InMemoryRateLimiter(budget));
// In service a store error lets the activity through; here it fails the test instead.
const failOnStoreError = (error: unknown) => {
  throw error;
};
describeRateLimiterContract('Redis', (budget) => new RedisRateLimiter(redis, prefix(), 'contract', budget, failOnStoreError));
