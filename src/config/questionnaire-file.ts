import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Questionnaire } from '../domain/feedback/feedback.js';

const localized = z.object({ fi: z.string().min(1).max(300), sv: z.string().min(1).max(300), en: z.string().min(1).max(300) }).strict();

const questionnaireSchema = z
  .object({
    questions: z
      .array(z.object({ id: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lowercase letters, digits and "_"'), text: localized }).strict())
      .min(1)
      .max(10)
      .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'question ids must be unique')
      .refine((qs) => qs.every((q) => q.id !== 'client'), '"client" is reserved for the client\'s rating'),
    clientQuestion: localized,
  })
  .strict();

export class QuestionnaireFileError extends Error {
  override readonly name = 'QuestionnaireFileError';
}

/** The feedback questions, in three languages, from a file the county edits; read at start-up. */
export function loadQuestionnaire(path: string): Questionnaire {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new QuestionnaireFileError(`${path}: cannot be read as YAML: ${(error as Error).message}`);
  }
  const parsed = questionnaireSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new QuestionnaireFileError(`${path}: invalid feedback questions:\n${problems}`);
  }
  return parsed.data;
}
