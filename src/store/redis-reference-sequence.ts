import type { Redis } from 'ioredis';
import type { ReferenceSequence } from '../app/ports.js';

/** INCR is atomic, so two instances never hand out the same reference. */
export class RedisReferenceSequence implements ReferenceSequence {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  next(year: number): Promise<number> {
    return this.redis.incr(`${this.prefix}reference:${year}`);
  }
}
