/** Where a detector found an identifier in the normalized text; the characters themselves are never kept. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The spans of the pattern's matches that `accept` takes. */
export function acceptedSpans(text: string, pattern: RegExp, accept: (match: RegExpExecArray) => boolean): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(pattern)) {
    if (accept(match)) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}
