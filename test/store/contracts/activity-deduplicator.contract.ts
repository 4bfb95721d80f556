import { describe, expect, it } from 'vitest';
import type { ActivityDeduplicator } from '../../../src/app/ports.js';

export function describeActivityDeduplicatorContract(name: string, make: () => ActivityDeduplicator): void {
  describe(`activity deduplicator contract (${name})`, () => {
    it('answers true for an activity once, and false when it is delivered again', async () => {
      const seen = make();
      expect(await seen.firstTime('conversation-1', 'activity-1')).toBe(true);
      expect(await seen.firstTime('conversation-1', 'activity-1')).toBe(false);
    });

    it('tells activities apart by conversation as well as by id', async () => {
      const seen = make();
      await seen.firstTime('conversation-1', 'activity-1');
      expect(await seen.firstTime('conversation-2', 'activity-1')).toBe(true);
      expect(await seen.firstTime('conversation-1', 'activity-2')).toBe(true);
    });

    it('lets exactly one of simultaneous deliveries through', async () => {
      const seen = make();
      const answers = await Promise.all(Array.from({ length: 10 }, () => seen.firstTime('conversation-1', 'activity-1')));
      expect(answers.filter(Boolean)).toHaveLength(1);
    });

    it('takes a forgotten delivery again, and only that one', async () => {
      const seen = make();
      await seen.firstTime('conversation-1', 'activity-1');
      await seen.firstTime('conversation-1', 'activity-2');
      await seen.forget('conversation-1', 'activity-1');
      expect(await seen.firstTime('conversation-1', 'activity-1')).toBe(true);
      expect(await seen.firstTime('conversation-1', 'activity-2')).toBe(false);
    });
  });
}
