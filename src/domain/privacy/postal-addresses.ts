import { TOWNS } from './finnish-towns.js';
import type { Span } from './span.js';

/**
 * A five-digit postal code, optionally with the FI- prefix or written "00 100", next to its town.
 * After the code any capitalised word counts as the town, as a postal address is written;
 * amounts are followed by a lowercase unit ("10000 euroa") and so pass. A known town also counts
 * in lower case and before the code ("helsinki 00100", "Vasa, 65100"). The spaced form needs a
 * known town and no lowercase word after it, since "10 000 Kelan" and "Vaasa 10 000 asukasta"
 * are amounts. A five-digit number that happens to precede a capitalised word ("25000 Kelan")
 * is an accepted false positive.
 */
const POSTAL_CODE = /(?<![\p{L}\p{N}.,-])(?:FI-?)?\d{2}( ?)\d{3}(?!\p{N})/giu;
const WORD_AFTER = /^ (\p{L}+(?:-\p{L}+)*)/u;
const WORD_BEFORE = /(?<![\p{L}-])(\p{L}+(?:-\p{L}+)*),? $/u;
const CAPITALISED = /^\p{Lu}\p{L}/u;
const LOWERCASE_WORD_AFTER = /^ \p{Ll}/u;
/** Longer than any town name with its comma and space, so the look-back stays short. */
const LOOK_BACK = 32;

export function postalAddressSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(POSTAL_CODE)) {
    const start = match.index;
    const end = start + match[0].length;
    const spaced = match[1] === ' ';
    const after = WORD_AFTER.exec(text.slice(end, end + LOOK_BACK + 2));
    const town = after?.[1] ?? '';
    if (after && (TOWNS.has(town.toLowerCase()) || (!spaced && CAPITALISED.test(town)))) {
      spans.push({ start, end: end + after[0].length });
      continue;
    }
    if (spaced && LOWERCASE_WORD_AFTER.test(text.slice(end, end + 2))) continue;
    const before = WORD_BEFORE.exec(text.slice(Math.max(0, start - LOOK_BACK), start));
    if (before && TOWNS.has((before[1] ?? '').toLowerCase())) spans.push({ start: start - before[0].length, end });
  }
  return spans;
}
