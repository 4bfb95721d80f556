import type { Redis } from 'ioredis';
import type { ChannelLinks } from '../app/ports.js';

// ARGV: the unit, the two ends of a channel's key around its id, the new channel (none to unlink).
// The previous channel's set is only known once its id is read, so the script names the sets;
// reading and writing in one step keeps a unit linked twice at once in one channel only.
const RELINK = `
local previous = redis.call('GET', KEYS[1])
if previous then redis.call('SREM', ARGV[2] .. previous .. ARGV[3], ARGV[1]) end
if ARGV[4] then
  redis.call('SET', KEYS[1], ARGV[4])
  redis.call('SADD', ARGV[2] .. ARGV[4] .. ARGV[3], ARGV[1])
else
  redis.call('DEL', KEYS[1])
end`;

const CHANNEL_KEY_END = ':units';

/** Both directions in one script, so a unit and its channel never disagree. */
export class RedisChannelLinks implements ChannelLinks {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async link(unitId: string, channelId: string): Promise<void> {
    await this.relink(unitId, channelId);
  }

  async unlink(unitId: string): Promise<void> {
    await this.relink(unitId);
  }

  async channelOf(unitId: string): Promise<string | undefined> {
    return (await this.redis.get(this.unitKey(unitId))) ?? undefined;
  }

  async unitsLinkedTo(channelId: string): Promise<string[]> {
    return (await this.redis.smembers(this.channelKey(channelId))).sort();
  }

  private async relink(unitId: string, channelId?: string): Promise<void> {
    const channel = channelId === undefined ? [] : [channelId];
    await this.redis.eval(RELINK, 1, this.unitKey(unitId), unitId, this.channelKeyStart(), CHANNEL_KEY_END, ...channel);
  }

  private unitKey(unitId: string): string {
    return `${this.prefix}unit:${unitId}:channel`;
  }

  private channelKey(channelId: string): string {
    return `${this.channelKeyStart()}${channelId}${CHANNEL_KEY_END}`;
  }

  private channelKeyStart(): string {
    return `${this.prefix}channel:`;
  }
}
