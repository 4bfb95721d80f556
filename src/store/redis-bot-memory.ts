import type { Redis } from 'ioredis';
import type { BotMemory } from '../app/ports.js';

/** Conversation references and tracked cards, as opaque JSON strings. */
export class RedisBotMemory implements BotMemory {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async saveReference(key: string, reference: string): Promise<void> {
    await this.redis.set(`${this.prefix}conversation:${key}`, reference);
  }

  async reference(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}conversation:${key}`)) ?? undefined;
  }

  async trackCard(requestId: string, cardKey: string, entry: string): Promise<void> {
    await this.redis.hset(`${this.prefix}cards:${requestId}`, cardKey, entry);
  }

  async trackedCards(requestId: string): Promise<string[]> {
    return Object.values(await this.redis.hgetall(`${this.prefix}cards:${requestId}`));
  }

  async forgetCard(requestId: string, cardKey: string): Promise<void> {
    await this.redis.hdel(`${this.prefix}cards:${requestId}`, cardKey);
  }
}
