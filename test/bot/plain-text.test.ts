import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/bot/cards/plain-text.js';

describe('typed text shown to others', () => {
  it('shows a markdown link and bold as the characters typed', () => {
    expect(plainText('[Kirjaudu uudelleen tästä](https://phish.example/login) **TÄRKEÄÄ**')).toBe(
      '\\[Kirjaudu uudelleen tästä\\]\\(https://phish.example/login\\) \\*\\*TÄRKEÄÄ\\*\\*',
    );
    expect(plainText('_kursiivi_ ~~yliviivattu~~ `koodi` <at>Sanna</at>')).toBe('\\_kursiivi\\_ \\~\\~yliviivattu\\~\\~ \\`koodi\\` \\<at\\>Sanna\\</at\\>');
  });

  it('breaks template syntax, so no template engine reads ${...} in it', () => {
    expect(plainText('${t.approve} ja ${description[0].text}')).toBe('$\\{t.approve\\} ja $\\{description\\[0\\].text\\}');
  });

  it('keeps lines from becoming list items, headings or quotes', () => {
    expect(plainText('- eka\n+ toka\n  1. kolmas\n2) neljäs\n# Otsikko\n> lainaus\n===')).toBe(
      '\\- eka\n\\+ toka\n  1\\. kolmas\n2\\) neljäs\n\\# Otsikko\n\\> lainaus\n\\===',
    );
  });

  it('escapes a backslash too, so a typed escape is shown as typed', () => {
    expect(plainText('C:\\\\polku \\*')).toBe('C:\\\\\\\\polku \\\\\\*');
  });

  it('leaves ordinary text, numbers mid-line, addresses and phone numbers as they are', () => {
    const ordinary = 'Wilma Työntekijä, wilma.tyontekija@hyvinvointialue.example, +358 29 000 0101. Käynnit 2. ja 3. viikolla - toimineet!';
    expect(plainText(ordinary)).toBe(ordinary);
  });
});
