import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import type { UserPreferences } from '../app/ports.js';
import { localeFromTag, type Locale } from '../domain/locale.js';

export class RedisUserPreferences implements UserPreferences {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  async locale(userId: string): Promise<Locale | undefined> {
    return localeFromTag((await this.redis.hget(this.key(userId), 'locale')) ?? undefined);
  }

  async setLocale(userId: string, locale: Locale): Promise<void> {
    await this.redis.hset(this.key(userId), 'locale', locale);
  }

  private key(userId: string): string {
    return this.keys.user(userId);
  }
}
