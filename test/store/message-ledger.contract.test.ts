import { RedisMessageLedger } from '../../src/store/redis-message-ledger.js';
import { InMemoryMessageLedger } from '../support/in-memory-message-ledger.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeMessageLedgerContract } from './contracts/message-ledger.contract.js';

const { redis, prefix } = sharedRedis();

describeMessageLedgerContract('in memory', (retentionMs, leaseMs) => new InMemoryMessageLedger(retentionMs, leaseMs));
describeMessageLedgerContract('Redis', (retentionMs, leaseMs) => new RedisMessageLedger(redis, prefix(), retentionMs, leaseMs));
