import { RedisUserPreferences } from '../../src/store/redis-user-preferences.js';
import { InMemoryUserPreferences } from '../support/in-memory-user-preferences.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeUserPreferencesContract } from './contracts/user-preferences.contract.js';

const { redis, prefix } = sharedRedis();

describeUserPreferencesContract('in memory', () => new InMemoryUserPreferences());
describeUserPreferencesContract('Redis', () => new RedisUserPreferences(redis, prefix()));
