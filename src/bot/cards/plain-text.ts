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
