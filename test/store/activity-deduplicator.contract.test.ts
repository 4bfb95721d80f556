import { RedisActivityDeduplicator } from '../../src/store/redis-activity-deduplicator.js';
import { InMemoryActivityDeduplicator } from '../support/in-memory-activity-deduplicator.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeActivityDeduplicatorContract } from './contracts/activity-deduplicator.contract.js';

const { redis, prefix } = sharedRedis();

describeActivityDeduplicatorContract('in memory', () => new InMemoryActivityDeduplicator());
describeActivityDeduplicatorContract('Redis', () => new RedisActivityDeduplicator(redis, prefix()));
