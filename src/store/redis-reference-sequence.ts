import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import type { ReferenceSequence } from '../app/ports.js';

/** INCR is atomic, so two instances never hand out the same reference. */
export class RedisReferenceSequence implements ReferenceSequence {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  next(year: number): Promise<number> {
    return this.redis.incr(this.keys.referenceCounter(year));
  }
}
