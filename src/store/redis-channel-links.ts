import type { Redis } from 'ioredis';
import type { ChannelLinks } from '../app/ports.js';

/** Both directions in one MULTI, so a unit and its channel never disagree. */
export class RedisChannelLinks implements ChannelLinks {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async link(unitId: string, channelId: string): Promise<void> {
    const previous = await this.channelOf(unitId);
    const tx = this.redis.multi();
    if (previous) tx.srem(this.channelKey(previous), unitId);
    await tx.set(this.unitKey(unitId), channelId).sadd(this.channelKey(channelId), unitId).exec();
  }

  async unlink(unitId: string): Promise<void> {
    const previous = await this.channelOf(unitId);
    const tx = this.redis.multi().del(this.unitKey(unitId));
    if (previous) tx.srem(this.channelKey(previous), unitId);
    await tx.exec();
  }

  async channelOf(unitId: string): Promise<string | undefined> {
    return (await this.redis.get(this.unitKey(unitId))) ?? undefined;
  }

  async unitsLinkedTo(channelId: string): Promise<string[]> {
    return (await this.redis.smembers(this.channelKey(channelId))).sort();
  }

  private unitKey(unitId: string): string {
    return `${this.prefix}unit:${unitId}:channel`;
  }

  private channelKey(channelId: string): string {
    return `${this.prefix}channel:${channelId}:units`;
  }
}
