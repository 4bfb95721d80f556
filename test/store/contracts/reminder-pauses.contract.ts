import { describe, expect, it } from 'vitest';
import type { ReminderPauses } from '../../../src/app/ports.js';

export function describeReminderPausesContract(name: string, make: () => ReminderPauses): void {
  describe(`reminder pauses contract (${name})`, () => {
    it('covers the dates of a pause, first and last included', async () => {
      const pauses = make();
      await pauses.pause('u1', '2026-12-21', '2027-01-06');
      const pause = { from: '2026-12-21', to: '2027-01-06' };
      expect(await pauses.pausedOn('u1', '2026-12-20')).toBeUndefined();
      expect(await pauses.pausedOn('u1', '2026-12-21')).toEqual(pause);
      expect(await pauses.pausedOn('u1', '2027-01-06')).toEqual(pause);
      expect(await pauses.pausedOn('u1', '2027-01-07')).toBeUndefined();
    });

    it('replaces a pause with the next one, and keeps units apart', async () => {
      const pauses = make();
      await pauses.pause('u1', '2026-07-01', '2026-07-31');
      await pauses.pause('u1', '2026-12-21', '2027-01-06');
      expect(await pauses.pausedOn('u1', '2026-07-15')).toBeUndefined();
      expect(await pauses.pausedOn('u1', '2026-12-24')).toEqual({ from: '2026-12-21', to: '2027-01-06' });
      expect(await pauses.pausedOn('u2', '2026-12-24')).toBeUndefined();
    });
  });
}
