import { RedisBotMemory } from '../../src/store/redis-bot-memory.js';
import { InMemoryBotMemory } from '../support/in-memory-bot-memory.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeBotMemoryContract } from './contracts/bot-memory.contract.js';

const { redis, prefix } = sharedRedis();

describeBotMemoryContract('in memory', () => new InMemoryBotMemory());
describeBotMemoryContract('Redis', () => new RedisBotMemory(redis, prefix()));
