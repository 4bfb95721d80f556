import type { UnitDirectory } from '../domain/units/unit-directory.js';
import type { Presentation } from '../i18n/presentation.js';
import { catalogs } from '../i18n/translator.js';
import type { PageData } from './metrics-contract.js';

/** Text for HTML element content and attribute values. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON inside a script element: no `</script>` or `<!--` can end it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Whose view a developer may take: leadership first, then every supervisor and deputy, each
 * with the units they would see, so two people of the same name are told apart.
 */
export function devSignInPeople({ t, locale }: Presentation, directory: UnitDirectory): { id: string; label: string }[] {
  const ids = [...new Set([...directory.leadership.map((l) => l.id), ...directory.units.flatMap((u) => [...u.supervisors, ...u.deputies])])];
  return ids.map((id) => {
    const units = directory.unitsVisibleTo(id);
    const scope = units.length === directory.units.length ? t('tab.dev.allUnits') : units.map((u) => u.name[locale]).join(', ');
    return { id, label: `${directory.person(id)?.name ?? id} — ${scope}` };
  });
}

export type PageSettings = Omit<PageData, 'texts'>;

export interface TabPage {
  readonly lang: PageData['lang'];
  /** The page's bundle under /tab/assets (`<name>.js`, `<name>.css`) and its main element (`<name>-page`). */
  readonly name: 'metrics' | 'audit' | 'caseload';
  readonly title: string;
  readonly loading: string;
  readonly data: unknown;
}

/**
 * A tab page's HTML: a skeleton, the styles and the module script from /tab/assets, and the page
 * data as JSON the script reads. Paths are relative so the bot may sit under a path prefix.
 */
export function tabPageHtml({ lang, name, title, loading, data }: TabPage): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="assets/${name}.css">
<script type="module" src="assets/${name}.js"></script>
</head>
<body data-state="loading">
<main id="${name}-page" aria-busy="true">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(loading)}</p>
</main>
<script type="application/json" id="page-data">${scriptJson(data)}</script>
</body>
</html>
`;
}

export function metricsPageHtml(settings: PageSettings): string {
  const texts = catalogs[settings.lang].tab;
  const data: PageData = { ...settings, texts };
  return tabPageHtml({ lang: settings.lang, name: 'metrics', title: texts.title, loading: texts.loading, data });
}
