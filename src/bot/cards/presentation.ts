import type { Presentation } from '../../i18n/presentation.js';

export type BannerStyle = 'good' | 'attention' | 'warning';

/** A person as readers know them: their name from the directory, else their id. */
export function personName(p: Presentation, id: string): string {
  return p.directory.person(id)?.name ?? id;
}

/** A unit as readers know it: its name in their language, else its id. */
export function unitName(p: Presentation, unitId: string): string {
  return p.directory.unitName(unitId, p.locale) ?? unitId;
}
