import { describe, expect, it } from 'vitest';
import { cardTextBytes, plainText, textLimitProblem, textLimitUsed } from '../../src/domain/card-text.js';

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

describe('the room typed text takes in a card', () => {
  it('counts the bytes the text travels as: shown as typed, JSON-escaped, UTF-8', () => {
    expect(cardTextBytes('Äiti')).toBe(5);
    expect(cardTextBytes('😀')).toBe(4);
    expect(cardTextBytes('𝒜')).toBe(4);
    expect(cardTextBytes('漢')).toBe(3);
    expect(cardTextBytes('*')).toBe(3);
    expect(cardTextBytes('\\')).toBe(4);
    expect(cardTextBytes('"\n')).toBe(4);
    expect(cardTextBytes('\u0001')).toBe(6);
    for (const text of ['Äiti (7 v.) & <at>x</at> **', '- 1. #\n> "q"', '😀漢\u001f']) {
      expect(cardTextBytes(text)).toBe(Buffer.byteLength(JSON.stringify(plainText(text))) - 2);
    }
  });

  it('tells characters over the limit apart from characters that take too much room, with about how many to cut', () => {
    const limit = { chars: 10, bytes: 12 };
    expect(textLimitProblem('a'.repeat(10), limit)).toBeUndefined();
    expect(textLimitProblem('a'.repeat(11), limit)).toEqual({ kind: 'chars', length: 11, max: 10 });
    expect(textLimitProblem('漢'.repeat(5), limit)).toEqual({ kind: 'bytes', excess: 1 });
    // Cutting never splits an emoji: 3 of 5 fit in 12 bytes, 4 UTF-16 units go.
    expect(textLimitProblem('😀'.repeat(5), limit)).toEqual({ kind: 'bytes', excess: 4 });
  });

  it('says how much of a limit is used, by room where room binds first', () => {
    const limit = { chars: 100, bytes: 110 };
    expect(textLimitUsed('a'.repeat(50), limit)).toEqual({ percent: 50, byRoom: false });
    expect(textLimitUsed('漢'.repeat(22), limit)).toEqual({ percent: 60, byRoom: true });
  });
});
