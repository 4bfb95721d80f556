import type { DirectoryProvider, UserPreferences } from '../app/ports.js';
import { DEFAULT_LOCALE, type Locale } from '../domain/locale.js';
import type { UnitDirectory } from '../domain/units/unit-directory.js';
import { translator, type Translate } from './translator.js';

/** What every text for a reader needs, in a chat, a card or a page: their language and the current directory. */
export interface Presentation {
  readonly t: Translate;
  readonly locale: Locale;
  readonly directory: UnitDirectory;
}

/**
 * The one place that decides which language a person is spoken to in: their explicit choice
 * (`svenska`, the help card), else the language their client names, else Finnish. The Agents
 * Playground's fixed `en-US` never gets here: the message endpoint drops it in local mode.
 */
export class PresentationSource {
  constructor(
    private readonly directory: DirectoryProvider,
    private readonly preferences: Pick<UserPreferences, 'locale'>,
  ) {}

  /** A reader whose language is already settled: a channel, a report link's holder, a page's `lang`. */
  forLocale(locale: Locale): Presentation {
    return { t: translator(locale), locale, directory: this.directory.current() };
  }

  /** `clientLocale` is what the person's client says, if anything (install events may say nothing). */
  async forPerson(personId: string | undefined, clientLocale?: Locale): Promise<Presentation> {
    const ahead = personId === undefined ? undefined : this.ahead.get(personId);
    return this.forLocale((await (ahead?.choice ?? this.choiceOf(personId))) ?? clientLocale ?? DEFAULT_LOCALE);
  }

  /** Choices read at the start of a person's turns and the number of their turns still running. */
  private readonly ahead = new Map<string, { readonly choice: Promise<Locale | undefined>; turns: number }>();

  /**
   * Reads the person's choice now, beside the turn's other first reads, for every `forPerson` of
   * the turn to take; the returned function ends the turn's hold. A choice made during the turn
   * is answered with `forLocale`, so nothing in the turn needs it read again.
   */
  readAhead(personId: string): () => void {
    const held = this.ahead.get(personId) ?? { choice: this.choiceOf(personId), turns: 0 };
    held.turns++;
    this.ahead.set(personId, held);
    return () => {
      if (--held.turns === 0 && this.ahead.get(personId) === held) this.ahead.delete(personId);
    };
  }

  private async choiceOf(personId: string | undefined): Promise<Locale | undefined> {
    if (!personId) return undefined;
    try {
      return await this.preferences.locale(personId);
    } catch {
      // The choice is a nicety: during a store outage the client's language, or Finnish, serves.
      return undefined;
    }
  }
}
