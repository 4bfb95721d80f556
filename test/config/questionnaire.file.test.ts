import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaire, QuestionnaireFileError } from '../../src/config/questionnaire-file.js';

const write = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'questions-')), 'q.yaml');
  writeFileSync(path, text);
  return path;
};

describe('feedback questions file', () => {
  it('ships the four questions the issue names, in Finnish, Swedish and English', () => {
    const questionnaire = loadQuestionnaire('infra/feedback-questions.yaml');
    expect(questionnaire.questions.map((q) => q.id)).toEqual(['clarified', 'division_of_work', 'expertise_present', 'would_bring_again']);
    for (const q of questionnaire.questions) for (const locale of ['fi', 'sv', 'en'] as const) expect(q.text[locale].length).toBeGreaterThan(10);
    expect(questionnaire.clientQuestion.sv).toBe('Klientens egen bedömning av mötet');
  });

  it('refuses a question without one of the three languages', () => {
    const path = write(['questions:', '  - id: clarified', '    text: { fi: A, sv: B }', 'clientQuestion: { fi: A, sv: B, en: C }'].join('\n'));
    expect(() => loadQuestionnaire(path)).toThrow(QuestionnaireFileError);
    expect(() => loadQuestionnaire(path)).toThrow(/questions\.0\.text\.en/);
  });

  it('refuses duplicate question ids and the id reserved for the client', () => {
    const question = (id: string) => [`  - id: ${id}`, '    text: { fi: A, sv: B, en: C }'];
    const path = write(['questions:', ...question('same'), ...question('same'), ...question('client'), 'clientQuestion: { fi: A, sv: B, en: C }'].join('\n'));
    expect(() => loadQuestionnaire(path)).toThrow(/question ids must be unique[\s\S]*"client" is reserved/);
  });

  it('refuses a file that is not YAML', () => {
    expect(() => loadQuestionnaire(write('questions: [unclosed'))).toThrow(/cannot be read as YAML/);
  });
});
