import type { ChannelLinks } from '../app/ports.js';
import { CHANNEL_UNITS_END, KeySpace } from './key-space.js';
import type { RedisClient } from './redis-connection.js';

// ARGV: the unit, the two ends of a channel's key around its id, the new channel (none to unlink).
// The previous channel's set is only known once its id is read, so the script names the sets;
// reading and writing in one step keeps a unit linked twice at once in one channel only. Every
// key it builds shares KEYS[1]'s hash tag, `{links}`, so a cluster runs it on one node.
const RELINK = `
local previous = redis.call('GET', KEYS[1])
if previous then redis.call('SREM', ARGV[2] .. previous .. ARGV[3], ARGV[1]) end
if ARGV[4] then
  redis.call('SET', KEYS[1], ARGV[4])
  redis.call('SADD', ARGV[2] .. ARGV[4] .. ARGV[3], ARGV[1])
else
  redis.call('DEL', KEYS[1])
end`;

/** Both directions in one script, so a unit and its channel never disagree. */
export class RedisChannelLinks implements ChannelLinks {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  async link(unitId: string, channelId: string): Promise<void> {
    await this.relink(unitId, channelId);
  }

  async unlink(unitId: string): Promise<void> {
    await this.relink(unitId);
  }

  async channelOf(unitId: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.unitChannel(unitId))) ?? undefined;
  }

  async unitsLinkedTo(channelId: string): Promise<string[]> {
    return (await this.redis.smembers(this.keys.channelUnits(channelId))).sort();
  }

  private async relink(unitId: string, channelId?: string): Promise<void> {
    const channel = channelId === undefined ? [] : [channelId];
    await this.redis.eval(RELINK, 1, this.keys.unitChannel(unitId), unitId, this.keys.channelUnitsStart(), CHANNEL_UNITS_END, ...channel);
  }
}
