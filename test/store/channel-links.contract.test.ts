import { RedisChannelLinks } from '../../src/store/redis-channel-links.js';
import { InMemoryChannelLinks } from '../support/in-memory-channel-links.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeChannelLinksContract } from './contracts/channel-links.contract.js';

const { redis, prefix } = sharedRedis();

describeChannelLinksContract('in memory', () => new InMemoryChannelLinks());
describeChannelLinksContract('Redis', () => new RedisChannelLinks(redis, prefix()));
