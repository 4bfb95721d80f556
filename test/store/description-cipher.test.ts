import { describe, expect, it } from 'vitest';
import { DescriptionCipher } from '../../src/store/description-cipher.js';

const key = { id: 'k1', key: Buffer.alloc(32, 1) };

describe('DescriptionCipher', () => {
  it('round-trips text and never repeats a ciphertext for the same text', () => {
    const cipher = new DescriptionCipher([key]);
    const a = cipher.seal('r1', 'Ääkköset ja emoji 🙂');
    const b = cipher.seal('r1', 'Ääkköset ja emoji 🙂');
    expect(a).not.toBe(b);
    expect(cipher.open('r1', a)).toBe('Ääkköset ja emoji 🙂');
  });

  it('refuses a truncated authentication tag', () => {
    const cipher = new DescriptionCipher([key]);
    const [format, id, iv, tag, body] = cipher.seal('r1', 'teksti').split('.');
    const shortTag = Buffer.from(tag!, 'base64').subarray(0, 4).toString('base64');
    expect(() => cipher.open('r1', [format, id, iv, shortTag, body].join('.'))).toThrow();
  });

  it('refuses a tampered ciphertext and an unknown key id', () => {
    const cipher = new DescriptionCipher([key]);
    const sealed = cipher.seal('r1', 'teksti');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64');
    body[0] = body[0]! ^ 1;
    expect(() => cipher.open('r1', [...parts.slice(0, 4), body.toString('base64')].join('.'))).toThrow();
    expect(() => cipher.open('r1', sealed.replace('.k1.', '.k9.'))).toThrow(/unknown format or key id/);
  });

  it('still opens records sealed before descriptions were compressed', () => {
    const sealedByV1 = 'v1.k1.T/yMR1FX3V0vIjln.+TUXCbTcPYFvVsDSsQFlcA==.ATpOUKWpAerZK9gv2MbqNAdxPzZWzH8048gz5w==';
    expect(new DescriptionCipher([key]).open('r1', sealedByV1)).toBe('Vanha tietue ennen pakkausta');
  });

  it('compresses prose, so a long description takes less room than its text', () => {
    const text = 'Perhe on saanut perhetyötä syksystä alkaen, ja kotikäynnit ovat toimineet hyvin. '.repeat(30);
    const sealed = new DescriptionCipher([key]).seal('r1', text);
    expect(sealed.startsWith('v2.k1.')).toBe(true);
    expect(sealed.length).toBeLessThan(Buffer.byteLength(text, 'utf8') / 2);
    expect(new DescriptionCipher([key]).open('r1', sealed)).toBe(text);
  });
});
