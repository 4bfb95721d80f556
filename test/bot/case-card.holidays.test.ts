import { describe, expect, it } from 'vitest';
import { caseCard } from '../../src/bot/cards/case-cards.js';
import type { Locale } from '../../src/domain/locale.js';
import { translator } from '../../src/i18n/translator.js';
import { DESCRIBED, PEOPLE, requestAt } from '../support/app-requests.js';
import { catalogText } from '../support/catalog-text.js';
import { directory } from '../support/people.js';

/** The proposals card the chair sees when vappu and loppiainen had no slot; the stored name is date-holidays' Finnish one. */
function chairCard(locale: Locale): string[] {
  const request = requestAt('proposed');
  const meeting = { ...request.meeting!, skipped: [{ date: '2026-05-01', kind: 'holiday' as const, holiday: 'vappu' }, { date: '2027-01-06', kind: 'holiday' as const, holiday: 'loppiainen' }] };
  const card = caseCard({ t: translator(locale), locale, directory }, { request: { ...request, meeting }, description: DESCRIBED }, { kind: 'status', viewerId: PEOPLE.worker }, { today: '2026-04-20' });
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'text' && typeof value === 'string') texts.push(value);
      else walk(value);
    }
  };
  walk(card);
  return texts;
}

describe('a skipped holiday on the case card', () => {
  it.each([
    ['fi', '1.5.2026', 'vappu', '6.1.2027', 'loppiainen'],
    ['sv', '1.5.2026', 'första maj', '6.1.2027', 'trettondagen'],
    ['en', '1 May 2026', 'May Day', '6 Jan 2027', 'Epiphany'],
  ] as const)('is named in the reader’s language (%s)', (locale, mayDate, may, janDate, epiphany) => {
    const texts = chairCard(locale);
    expect(texts).toContain(catalogText('meeting.skippedHoliday', { date: mayDate, name: may }, locale));
    expect(texts).toContain(catalogText('meeting.skippedHoliday', { date: janDate, name: epiphany }, locale));
  });
});
