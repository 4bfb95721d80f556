import { describe, expect, it } from 'vitest';
import type { Absences } from '../../src/app/ports.js';
import { RedisAbsences } from '../../src/store/redis-absences.js';
import { InMemoryAbsences } from '../support/in-memory-absences.js';
import { sharedRedis } from '../support/shared-redis.js';

const { redis, prefix } = sharedRedis();

function describeAbsences(name: string, make: () => Absences): void {
  describe(`absences (${name})`, () => {
    it('answers who is away on a date, with their substitute, from the first day to the last', async () => {
      const absences = make();
      await absences.record('lead', { from: '2026-12-21', to: '2027-01-03', substituteId: 'deputy' });
      await absences.record('other', { from: '2027-02-01', to: '2027-02-07' });
      expect(await absences.awayOn(['lead', 'other', 'nobody'], '2026-12-21')).toEqual(new Map([['lead', { from: '2026-12-21', to: '2027-01-03', substituteId: 'deputy' }]]));
      expect((await absences.awayOn(['lead'], '2027-01-03')).has('lead')).toBe(true);
      expect((await absences.awayOn(['lead'], '2027-01-04')).size).toBe(0);
    });

    it('replaces an absence with a new one, its substitute too, and forgets a cleared one', async () => {
      const absences = make();
      await absences.record('lead', { from: '2026-12-21', to: '2027-01-03', substituteId: 'deputy' });
      await absences.record('lead', { from: '2026-12-21', to: '2026-12-31' });
      expect((await absences.awayOn(['lead'], '2026-12-22')).get('lead')).toEqual({ from: '2026-12-21', to: '2026-12-31', substituteId: undefined });
      await absences.clear('lead');
      expect((await absences.awayOn(['lead'], '2026-12-22')).size).toBe(0);
    });
  });
}

describeAbsences('in memory', () => new InMemoryAbsences());
describeAbsences('Redis', () => new RedisAbsences(redis, prefix()));
