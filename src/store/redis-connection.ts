import { Redis } from 'ioredis';

/**
 * Interactive paths fail fast on an outage (the user gets "try again" and keeps the card)
 * rather than waiting on a connection that may not come back.
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 3000 });
}
