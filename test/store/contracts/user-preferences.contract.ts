import { describe, expect, it } from 'vitest';
import type { UserPreferences } from '../../../src/app/ports.js';

export function describeUserPreferencesContract(name: string, make: () => UserPreferences): void {
  describe(`user preferences contract (${name})`, () => {
    it('knows no language for a person who chose none', async () => {
      expect(await make().locale('someone')).toBeUndefined();
    });

    it("keeps each person's latest choice, apart from everyone else's", async () => {
      const preferences = make();
      await preferences.setLocale('a', 'sv');
      await preferences.setLocale('b', 'en');
      await preferences.setLocale('a', 'fi');
      expect([await preferences.locale('a'), await preferences.locale('b')]).toEqual(['fi', 'en']);
    });
  });
}
