import { emailSpans } from './email-addresses.js';
import { personalIdentityCodeSpans } from './personal-identity-code.js';
import { phoneNumberSpans } from './phone-numbers.js';
import { postalAddressSpans } from './postal-addresses.js';
import type { Span } from './span.js';
import { streetAddressSpans } from './street-addresses.js';

export type IdentifierKind = 'personal_identity_code' | 'phone' | 'email' | 'street_address' | 'postal_address';

export const KIND_ORDER: readonly IdentifierKind[] = [
  'personal_identity_code',
  'phone',
  'email',
  'street_address',
  'postal_address',
];

export interface IdentifierSpan extends Span {
  readonly kind: IdentifierKind;
}

/**
 * Each detector masks what it accepted so that a later, looser rule cannot claim the same
 * characters: a henkilötunnus such as 010203-1234 would otherwise also read as a phone number,
 * and the digits of an allowed contact e-mail address are not a phone number either.
 */
const DETECTORS: readonly (readonly [IdentifierKind, (text: string) => readonly Span[]])[] = [
  ['personal_identity_code', personalIdentityCodeSpans],
  ['email', emailSpans],
  ['phone', phoneNumberSpans],
  ['street_address', streetAddressSpans],
  ['postal_address', postalAddressSpans],
];

/** Not a letter, digit or separator, so a masked span neither joins nor starts another match. */
const MASK_CHAR = '\u2588';

/** Every identifier in text that has been through normalizeForScreening. */
export function findIdentifierSpans(normalized: string): IdentifierSpan[] {
  const found: IdentifierSpan[] = [];
  let rest = normalized;
  for (const [kind, detect] of DETECTORS) {
    const spans = detect(rest);
    for (const span of spans) found.push({ kind, ...span });
    if (spans.length > 0) rest = masked(rest, spans);
  }
  return found;
}

/** One pass over the text however many spans there are; spans may overlap (a town shared by two codes). */
function masked(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += text.slice(at, from) + MASK_CHAR.repeat(end - from);
    at = end;
  }
  return out + text.slice(at);
}
