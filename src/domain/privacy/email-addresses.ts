import { acceptedSpans, type Span } from './span.js';

/**
 * Matched on normalized text, where whitespace is single spaces. Besides "@" and ".", the
 * spelled-out forms people use to keep an address away from harvesters count: "(at)", "[at]",
 * "(a)" (common in Finnish), " at ", " ät ", "miukumauku", "snabel-a", and "dot", "piste" or
 * "punkt" for the dot, with or without brackets. A space is allowed on either side of "@", and on
 * both sides of a dot ("example . fi"; "home. Then" ends a sentence).
 */
const LOCAL_PART = '[\\p{L}\\p{N}._%+-]+';
const LABEL = '[\\p{L}\\p{N}-]+';
const open = '[(\\[{<] ?';
const close = ' ?[)\\]}>]';
const AT = `(?: ?@ ?| ?${open}(?:at|ät|a)${close} ?| (?:at|ät|miukumauku|kissanhäntä|snabel-a) )`;
const DOT = `(?:\\.| \\. | ?${open}(?:dot|piste|punkt)${close} ?| (?:dot|piste|punkt) )`;
/** The local part is taken whole, (?=(…))\1: no "at" form starts with one of its characters. */
const EMAIL = new RegExp(`(?<![\\p{L}\\p{N}._%+-])(?=(${LOCAL_PART}))\\1${AT}${LABEL}(?:${DOT}${LABEL})*${DOT}\\p{L}{2,}`, 'giu');

export function emailSpans(text: string): Span[] {
  return acceptedSpans(text, EMAIL, () => true);
}
