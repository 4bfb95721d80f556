import type { UserPreferences } from '../../src/app/ports.js';
import type { Locale } from '../../src/domain/locale.js';

export class InMemoryUserPreferences implements UserPreferences {
  private readonly locales = new Map<string, Locale>();

  async locale(userId: string): Promise<Locale | undefined> {
    return this.locales.get(userId);
  }

  async setLocale(userId: string, locale: Locale): Promise<void> {
    this.locales.set(userId, locale);
  }
}
