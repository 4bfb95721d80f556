import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { InMemoryAuditLog } from '../support/in-memory-audit-log.js';
import { auditChain } from '../support/audit-chain.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeAuditLogContract } from './contracts/audit-log.contract.js';

const { redis, prefix } = sharedRedis();

describeAuditLogContract('in memory', () => new InMemoryAuditLog());
describeAuditLogContract('Redis', () => new RedisAuditLog(redis, auditChain(prefix())));
