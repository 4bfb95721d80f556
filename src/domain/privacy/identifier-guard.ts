import { findIdentifierSpans, KIND_ORDER, type IdentifierKind } from './identifier-spans.js';
import { findNameHints } from './name-hints.js';
import { foldObfuscations, normalizeForScreening } from './normalize-text.js';

/**
 * Client descriptions must stay anonymous, so free text is screened for direct identifiers
 * before it is stored or shared. Blocking kinds stop the submission; name hints only ask the
 * worker to confirm, because names cannot be told apart from ordinary words reliably.
 *
 * Nothing here returns a matched identifier value: the report is meant to be safe to log and
 * to show back, and an identifier leaking through the guard's own report would defeat it.
 * Name hints are the exception because the worker has to see the word to confirm it.
 */

export type { IdentifierKind } from './identifier-spans.js';
export { findNameHints } from './name-hints.js';

export interface FieldFinding {
  readonly field: string;
  readonly kind: IdentifierKind;
}

export interface NameHint {
  readonly field: string;
  readonly token: string;
}

export interface GuardReport {
  readonly blocking: readonly FieldFinding[];
  readonly nameHints: readonly NameHint[];
}

/** The worker's own contact details may be written in a contact field; nothing else may. */
const CONTACT_KINDS: ReadonlySet<IdentifierKind> = new Set(['phone', 'email']);

/**
 * The text as normalized, and again with homoglyphs and spelled-out digits folded when that
 * changes anything. Both are matched: each catches what the other would miss.
 */
function readingsOf(text: string): readonly string[] {
  const normalized = normalizeForScreening(text);
  const folded = foldObfuscations(normalized);
  return folded === normalized ? [normalized] : [normalized, folded];
}

function kindsIn(readings: readonly string[], allowContact: boolean): Set<IdentifierKind> {
  const kinds = new Set<IdentifierKind>();
  for (const reading of readings) {
    for (const { kind } of findIdentifierSpans(reading)) {
      if (!(allowContact && CONTACT_KINDS.has(kind))) kinds.add(kind);
    }
  }
  return kinds;
}

export function findIdentifierKinds(text: string, options?: { readonly allowContact?: boolean }): IdentifierKind[] {
  const kinds = kindsIn(readingsOf(text), options?.allowContact ?? false);
  return KIND_ORDER.filter((kind) => kinds.has(kind));
}

/**
 * fields: field name -> text. contactFields: fields where the worker writes their own contact
 * details; those are exempt from the phone and e-mail rules (but not from the others) and are
 * never checked for names. Each field is screened on its own and then all fields joined, so an
 * identifier split over two fields ("131052-" in one, "308T" in the next) is still refused and
 * reported against every field it touches. Findings are listed by field, each kind once.
 */
export function inspectFields(
  fields: Readonly<Record<string, string>>,
  options: { readonly contactFields: readonly string[] },
): GuardReport {
  const contactFields = new Set(options.contactFields);
  const screened = Object.entries(fields).map(([field, text]) => ({ field, readings: readingsOf(text) }));
  const kindsByField = new Map<string, Set<IdentifierKind>>(
    screened.map(({ field, readings }) => [field, kindsIn(readings, contactFields.has(field))]),
  );
  for (const { fields: touched, kind } of findingsAcrossFields(screened)) {
    if (CONTACT_KINDS.has(kind) && touched.some((field) => contactFields.has(field))) continue;
    for (const field of touched) kindsByField.get(field)?.add(kind);
  }
  const blocking = screened.flatMap(({ field }) =>
    KIND_ORDER.filter((kind) => kindsByField.get(field)?.has(kind)).map((kind) => ({ field, kind })),
  );
  const nameHints = Object.entries(fields)
    .filter(([field]) => !contactFields.has(field))
    .flatMap(([field, text]) => findNameHints(text).map((token) => ({ field, token })));
  return { blocking, nameHints };
}

interface ScreenedField {
  readonly field: string;
  readonly readings: readonly string[];
}

/**
 * Longer than any identifier as it may be written ("matti piste meikalainen at example piste fi"),
 * so only the text around each border between fields needs a second look.
 */
const BORDER_REACH = 80;

/**
 * Identifiers that only appear when the fields are read one after another, each kind with the
 * fields it spans. Fields are joined by a space, the way a line break between them normalizes,
 * and the joined text is searched around each border, cut at spaces so no word is split.
 */
function findingsAcrossFields(screened: readonly ScreenedField[]): { fields: string[]; kind: IdentifierKind }[] {
  const filled = screened.filter(({ readings }) => readings[0] !== '');
  if (filled.length < 2) return [];
  const readingCount = Math.max(...filled.map(({ readings }) => readings.length));
  const findings: { fields: string[]; kind: IdentifierKind }[] = [];
  for (let reading = 0; reading < readingCount; reading++) {
    const ranges: { field: string; start: number; end: number }[] = [];
    let joined = '';
    for (const { field, readings } of filled) {
      if (joined) joined += ' ';
      const text = readings[Math.min(reading, readings.length - 1)] ?? '';
      ranges.push({ field, start: joined.length, end: joined.length + text.length });
      joined += text;
    }
    for (const { end: border } of ranges.slice(0, -1)) {
      const from = Math.max(0, joined.lastIndexOf(' ', border - BORDER_REACH));
      const until = joined.indexOf(' ', border + BORDER_REACH);
      for (const span of findIdentifierSpans(joined.slice(from, until === -1 ? joined.length : until))) {
        const [start, end] = [from + span.start, from + span.end];
        const touched = ranges.filter((range) => start < range.end && end > range.start).map((range) => range.field);
        if (touched.length > 1) findings.push({ fields: touched, kind: span.kind });
      }
    }
  }
  return findings;
}
