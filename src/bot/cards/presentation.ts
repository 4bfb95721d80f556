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
