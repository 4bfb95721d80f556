import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';
import type { ReminderPauses } from '../app/ports.js';

/** One pause per unit: a new one replaces the old, as a supervisor would expect of "pause until". */
export class RedisReminderPauses implements ReminderPauses {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  async pause(unitId: string, from: string, to: string): Promise<void> {
    await this.redis.hset(this.key(unitId), 'from', from, 'to', to);
  }

  async pausedOn(unitId: string, date: string): Promise<{ from: string; to: string } | undefined> {
    const [from, to] = await this.redis.hmget(this.key(unitId), 'from', 'to');
    return from && to && from <= date && date <= to ? { from, to } : undefined;
  }

  private key(unitId: string): string {
    return this.keys.reminderPause(unitId);
  }
}
