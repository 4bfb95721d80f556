import { RedisSlotReservations } from '../../src/store/redis-slot-reservations.js';
import { InMemorySlotReservations } from '../support/in-memory-slot-reservations.js';
import { sharedRedis } from '../support/shared-redis.js';
import { describeSlotReservationsContract } from './contracts/slot-reservations.contract.js';

const { redis, prefix } = sharedRedis();

describeSlotReservationsContract('in memory', () => new InMemorySlotReservations());
describeSlotReservationsContract('Redis', () => new RedisSlotReservations(redis, prefix()));
