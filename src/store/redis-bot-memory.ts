import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import type { BotMemory } from '../app/ports.js';

/** Conversation references and tracked cards, as opaque JSON strings. */
export class RedisBotMemory implements BotMemory {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  async saveReference(key: string, reference: string): Promise<void> {
    await this.redis.set(this.keys.conversation(key), reference);
  }

  async reference(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.conversation(key))) ?? undefined;
  }

  async trackCard(requestId: string, cardKey: string, entry: string): Promise<void> {
    await this.redis.hset(this.keys.cards(requestId), cardKey, entry);
  }

  async trackedCards(requestId: string): Promise<string[]> {
    return Object.values(await this.redis.hgetall(this.keys.cards(requestId)));
  }

  async forgetCard(requestId: string, cardKey: string): Promise<void> {
    await this.redis.hdel(this.keys.cards(requestId), cardKey);
  }
}
