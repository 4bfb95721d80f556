import type { Absence, Absences } from '../app/ports.js';
import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';

/** One hash per person; reading several people's is one round trip. */
export class RedisAbsences implements Absences {
  private readonly keys: KeySpace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  async record(personId: string, absence: Absence): Promise<void> {
    // Replaced in one step: an earlier absence's substitute must not outlive it.
    const key = this.keys.absence(personId);
    await this.redis.multi().del(key).hset(key, 'from', absence.from, 'to', absence.to, ...(absence.substituteId ? ['substitute', absence.substituteId] : [])).exec();
  }

  async clear(personId: string): Promise<void> {
    await this.redis.del(this.keys.absence(personId));
  }

  async awayOn(personIds: readonly string[], date: string): Promise<Map<string, Absence>> {
    const read = await Promise.all(personIds.map((id) => this.redis.hmget(this.keys.absence(id), 'from', 'to', 'substitute')));
    const away = new Map<string, Absence>();
    personIds.forEach((id, i) => {
      const [from, to, substituteId] = read[i] ?? [];
      if (from && to && from <= date && date <= to) away.set(id, { from, to, substituteId: substituteId ?? undefined });
    });
    return away;
  }
}
