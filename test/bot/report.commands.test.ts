import { describe, expect, it } from 'vitest';
import { reportIntentOf, textIntentOf } from '../../src/bot/text-commands.js';

describe('report commands', () => {
  it.each(['raportti', 'Rapport', 'report!', 'mittarit'])('"%s" asks for the report card', (text) => {
    expect(reportIntentOf(text)).toBe('card');
  });

  it.each(['raportti csv', 'Rapport CSV', 'report csv.'])('"%s" asks for the CSV file', (text) => {
    expect(reportIntentOf(text)).toBe('csv');
  });

  it('ignores other words and leaves the other commands alone', () => {
    expect(reportIntentOf('raportti marraskuu')).toBeUndefined();
    expect(reportIntentOf('ohje')).toBeUndefined();
    expect(textIntentOf('raportti')).toBeUndefined();
  });
});
