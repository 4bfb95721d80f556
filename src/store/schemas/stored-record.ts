import { z } from 'zod';
import type { DescriptionCipher } from '../description-cipher.js';

export type RecordKind = 'request' | 'description' | 'feedback answer' | 'audit entry' | 'outbox entry';

type Problem = 'not JSON' | 'undecryptable' | 'wrong shape';

/**
 * A stored record that does not read back as its type. That is an outage or a bug, never an
 * outcome a use case expects, so it is thrown. It names the record and at most the schema's own
 * field names, never what was stored: descriptions and comments are client data, and errors are
 * logged. For the same reason the parser's error is not kept as the cause: JSON.parse quotes
 * the text it refused.
 */
export class CorruptRecordError extends Error {
  override readonly name = 'CorruptRecordError';

  constructor(
    readonly kind: RecordKind,
    readonly id: string,
    readonly problem: Problem,
    readonly fields: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(`Stored ${kind} ${id} is corrupt: ${problem}${fields.length > 0 ? ` (${fields.join(', ')})` : ''}`, options);
  }
}

/** A record schema: an object, so that a refusal can name the fields at fault. */
type RecordSchema<T> = z.ZodType<T> & { readonly shape: Readonly<Record<string, unknown>> };

/** Parses stored JSON once, straight into the type, or throws {@link CorruptRecordError}. */
export function readRecord<T>(schema: RecordSchema<T>, kind: RecordKind, id: string, text: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CorruptRecordError(kind, id, 'not JSON');
  }
  return checkRecord(schema, kind, id, json);
}

/** Checks a record read as values, not JSON (a stream entry's fields), or throws {@link CorruptRecordError}. */
export function checkRecord<T>(schema: RecordSchema<T>, kind: RecordKind, id: string, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // Only names the schema declares: a path may also hold keys read from the record itself.
  const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0])).filter((field) => Object.hasOwn(schema.shape, field)));
  throw new CorruptRecordError(kind, id, 'wrong shape', [...fields]);
}

/** Opens a sealed record and reads it; a ciphertext that does not open is as corrupt as bad JSON. */
export function openRecord<T>(cipher: DescriptionCipher, schema: RecordSchema<T>, kind: RecordKind, id: string, sealed: string): T {
  let text: string;
  try {
    text = cipher.open(id, sealed);
  } catch (cause) {
    // The cipher's and OpenSSL's messages name the record and key id at most, never the text.
    throw new CorruptRecordError(kind, id, 'undecryptable', [], { cause });
  }
  return readRecord(schema, kind, id, text);
}

/**
 * Every field of T, each with its schema: a field added to a domain type and forgotten here
 * fails to compile, rather than being read unchecked.
 */
export type ShapeOf<T> = { readonly [K in keyof T]-?: z.ZodType<T[K]> };

/**
 * The values of a union that the domain names only as a type. The object form makes the
 * compiler refuse a list that misses one, which would otherwise read a valid record as corrupt.
 */
export const oneOf = <T extends string>(values: Readonly<Record<T, true>>) => z.enum(Object.keys(values) as T[]);

/**
 * Objects keep fields they do not know: while a deploy rolls, an older instance may read a
 * record a newer one wrote, and its next write must not drop what it cannot read.
 */
export const objectOf = <T>(shape: ShapeOf<T>) => z.looseObject(shape);
