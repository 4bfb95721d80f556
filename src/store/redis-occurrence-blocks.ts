import { z } from 'zod';
import type { OccurrenceBlocks } from '../app/ports.js';
import type { OccurrenceBlock } from '../domain/slots/unit-occurrences.js';
import { KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';

const blockSchema = z.object({ reason: z.string(), by: z.string(), at: z.string() });

/** One hash per unit: occurrence date → its block. A unit blocks a handful a year, so a read takes them all. */
export class RedisOccurrenceBlocks implements OccurrenceBlocks {
  private readonly keys: KeySpace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  async block(unitId: string, date: string, block: OccurrenceBlock): Promise<void> {
    await this.redis.hset(this.keys.unitSlotBlocks(unitId), date, JSON.stringify(block));
  }

  async unblock(unitId: string, date: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.unitSlotBlocks(unitId), date)) === 1;
  }

  async between(unitId: string, fromDate: string, toDate: string): Promise<Map<string, OccurrenceBlock>> {
    const all = await this.redis.hgetall(this.keys.unitSlotBlocks(unitId));
    return new Map(
      Object.entries(all).flatMap(([date, json]) => {
        const parsed = blockSchema.safeParse(JSON.parse(json));
        return fromDate <= date && date <= toDate && parsed.success ? [[date, parsed.data] as const] : [];
      }),
    );
  }
}
