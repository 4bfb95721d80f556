import { describe, expect, it } from 'vitest';
import type { BotMemory } from '../../../src/app/ports.js';

export function describeBotMemoryContract(name: string, make: () => BotMemory): void {
  describe(`bot memory contract (${name})`, () => {
    it('keeps the latest reference per key', async () => {
      const memory = make();
      await memory.saveReference('person-a', '{"v":1}');
      await memory.saveReference('person-a', '{"v":2}');
      await memory.saveReference('channel-b', '{"v":3}');
      expect(await memory.reference('person-a')).toBe('{"v":2}');
      expect(await memory.reference('nobody')).toBeUndefined();
    });

    it('tracks one entry per card of a request, the latest, and none of other requests', async () => {
      const memory = make();
      await memory.trackCard('r1', 'lead-card', 'first');
      await memory.trackCard('r1', 'worker-card', 'second');
      await memory.trackCard('r1', 'lead-card', 'replaced');
      await memory.trackCard('r2', 'lead-card', 'elsewhere');
      expect((await memory.trackedCards('r1')).sort()).toEqual(['replaced', 'second']);
      expect(await memory.trackedCards('r3')).toEqual([]);
    });

    it('forgets one card of a request and keeps the others', async () => {
      const memory = make();
      await memory.trackCard('r1', 'old-copy', 'old');
      await memory.trackCard('r1', 'new-copy', 'new');
      await memory.forgetCard('r1', 'old-copy');
      await memory.forgetCard('r1', 'never-tracked');
      expect(await memory.trackedCards('r1')).toEqual(['new']);
    });
  });
}
