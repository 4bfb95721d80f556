import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisFeedbackStore } from '../../src/store/redis-feedback-store.js';
import { InMemoryFeedbackStore } from '../support/in-memory-feedback-store.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeFeedbackStoreContract } from './contracts/feedback-store.contract.js';

const KEYS = [{ id: 'k1', key: Buffer.alloc(32, 3) }];
const { redis, prefix } = sharedRedis();

describeFeedbackStoreContract('in memory', () => new InMemoryFeedbackStore());
describeFeedbackStoreContract('Redis', () => new RedisFeedbackStore(redis, prefix(), new DescriptionCipher(KEYS), KEYS));
