import type { ChannelLinks } from '../../src/app/ports.js';

/** Channel links in memory: one map from unit to channel, so the two directions cannot disagree. */
export class InMemoryChannelLinks implements ChannelLinks {
  private readonly channels = new Map<string, string>();

  async link(unitId: string, channelId: string): Promise<void> {
    this.channels.set(unitId, channelId);
  }

  async unlink(unitId: string): Promise<void> {
    this.channels.delete(unitId);
  }

  async channelOf(unitId: string): Promise<string | undefined> {
    return this.channels.get(unitId);
  }

  async unitsLinkedTo(channelId: string): Promise<string[]> {
    return [...this.channels].flatMap(([unit, channel]) => (channel === channelId ? [unit] : [])).sort();
  }
}
