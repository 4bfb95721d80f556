import { RedisReminderPauses } from '../../src/store/redis-reminder-pauses.js';
import { InMemoryReminderPauses } from '../support/in-memory-reminder-pauses.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeReminderPausesContract } from './contracts/reminder-pauses.contract.js';

const { redis, prefix } = sharedRedis();

describeReminderPausesContract('in memory', () => new InMemoryReminderPauses());
describeReminderPausesContract('Redis', () => new RedisReminderPauses(redis, prefix()));
