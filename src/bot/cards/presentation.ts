import type { Locale } from '../../domain/locale.js';
import type { UnitDirectory } from '../../domain/units/unit-directory.js';
import type { Translate } from '../../i18n/translator.js';

/** What every card needs to speak to its reader: their language and the current directory. */
export interface Presentation {
  readonly t: Translate;
  readonly locale: Locale;
  readonly directory: UnitDirectory;
}

export type BannerStyle = 'good' | 'attention' | 'warning';

/** A person as readers know them: their name from the directory, else their id. */
export function personName(p: Presentation, id: string): string {
  return p.directory.person(id)?.name ?? id;
}
