import { RedisMessageLedger } from '../../src/store/redis-message-ledger.js';
import { InMemoryMessageLedger } from '../support/in-memory-message-ledger.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeMessageLedgerContract } from './contracts/message-ledger.contract.js';

const { redis, prefix } = sharedRedis();

describeMessageLedgerContract('in memory', (retentionMs) => new InMemoryMessageLedger(retentionMs));
describeMessageLedgerContract('Redis', (retentionMs) => new RedisMessageLedger(redis, prefix(), retentionMs));
