import { RedisReferenceSequence } from '../../src/store/redis-reference-sequence.js';
import { InMemoryReferenceSequence } from '../support/in-memory-reference-sequence.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeReferenceSequenceContract } from './contracts/reference-sequence.contract.js';

const { redis, prefix } = sharedRedis();

describeReferenceSequenceContract('in memory', () => new InMemoryReferenceSequence());
describeReferenceSequenceContract('Redis', () => new RedisReferenceSequence(redis, prefix()));
