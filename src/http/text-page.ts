import type { Locale } from '../domain/locale.js';
import { escapeHtml } from './metrics-tab-page.js';

/** A page of text for a browser, in the reader's language: `body` is HTML already escaped. */
export function textPage(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
}
