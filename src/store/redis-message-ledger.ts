import type { Redis } from 'ioredis';
import type { MessageLedger } from '../app/ports.js';

/** Long enough to outlive any reminder round of a request. */
const RETENTION_SECONDS = 180 * 24 * 3600;

export class RedisMessageLedger implements MessageLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async claim(key: string): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}sent:${key}`, '1', 'EX', RETENTION_SECONDS, 'NX')) === 'OK';
  }
}
