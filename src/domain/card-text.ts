/**
 * Teams refuses a bot message over about 28 KB (PLATFORM.md says to design for the stricter
 * limit): every card the bot sends is held to this many bytes of serialized JSON, which leaves
 * room for the activity around it. The limits of typed text below are what make that true.
 */
export const CARD_BUDGET_BYTES = 24 * 1024;

/**
 * Card text is markdown: a description saying `[Kirjaudu tästä](https://…) **TÄRKEÄÄ**` would
 * reach its readers as a bold, clickable link that seems to come from the county, and `${…}` is
 * template syntax. So what a person typed is shown to others as what they typed: every character
 * markdown or a template gives meaning is backslash-escaped, which markdown shows as the
 * character itself, and so is the marker of a line that would start a list.
 */
const MARKUP = /[\\`*_~[\](){}<>#]/g;
const NUMBERED_ITEM = /^(\s*\d+)\.(?=\s|$)/gm;
const BULLET_ITEM = /^(\s*)([-+=])/gm;

/** Typed text for a TextBlock or a fact, to be read exactly as typed. */
export function plainText(typed: string): string {
  return typed.replace(MARKUP, '\\$&').replace(NUMBERED_ITEM, '$1\\.').replace(BULLET_ITEM, '$1\\$2');
}

const utf8 = new TextEncoder();

/**
 * What a typed text takes of a card at most: shown to others with its markup escaped, then
 * JSON-escaped, in UTF-8. An emoji takes 4 bytes, a CJK character 3, a backslash 4 and a control
 * character 6, where a Finnish letter takes 1 or 2: a limit in characters alone would let a
 * full card grow past what Teams takes.
 */
export function cardTextBytes(typed: string): number {
  return utf8.encode(JSON.stringify(plainText(typed))).length - 2;
}

/** A text's limit: characters, as people count them, and bytes, as the card's size counts them. */
export interface TextLimit {
  readonly chars: number;
  readonly bytes: number;
}

/** Why a text does not fit: too many characters, or characters that take too much room (and about how many to cut). */
export type TextLimitProblem = { readonly kind: 'chars'; readonly length: number; readonly max: number } | { readonly kind: 'bytes'; readonly excess: number };

export function textLimitProblem(typed: string, limit: TextLimit): TextLimitProblem | undefined {
  if (typed.length > limit.chars) return { kind: 'chars', length: typed.length, max: limit.chars };
  if (cardTextBytes(typed) <= limit.bytes) return undefined;
  return { kind: 'bytes', excess: typed.length - fittingPrefixLength(typed, limit.bytes) };
}

/** The length of the longest start of the text within `bytes`, in whole characters (an emoji is never split). */
function fittingPrefixLength(typed: string, bytes: number): number {
  const characters = Array.from(typed);
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (cardTextBytes(characters.slice(0, middle).join('')) <= bytes) low = middle;
    else high = middle - 1;
  }
  return characters.slice(0, low).join('').length;
}

/** Share of a limit a text uses, the larger of characters and room, as a whole percent. */
export function textLimitUsed(typed: string, limit: TextLimit): { readonly percent: number; readonly byRoom: boolean } {
  const byChars = typed.length / limit.chars;
  const byBytes = cardTextBytes(typed) / limit.bytes;
  return { percent: Math.ceil(Math.max(byChars, byBytes) * 100), byRoom: byBytes > byChars };
}
