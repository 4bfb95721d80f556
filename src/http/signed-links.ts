import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../app/ports.js';

/**
 * Tokens for download links: a JSON payload with its expiry, signed with an HMAC key derived
 * from the encryption key for one purpose only, so a token made for one kind of link opens no other.
 */
export class LinkSigner {
  private readonly secret: Buffer;

  constructor(
    encryptionKey: Buffer,
    purpose: string,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {
    this.secret = Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), `yhteistyobotti ${purpose}`, 32));
  }

  sign(fields: Readonly<Record<string, string>>): string {
    const payload = Buffer.from(JSON.stringify({ ...fields, e: this.clock.now().getTime() + this.ttlMs })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The fields of a token signed here and not expired; undefined for anything else. */
  open(token: string): Readonly<Record<string, unknown>> | undefined {
    const [payload = '', signature = ''] = token.split('.');
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let fields: unknown;
    try {
      fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      // Signed by us, so never malformed in practice; a refusal all the same.
      return undefined;
    }
    if (typeof fields !== 'object' || fields === null) return undefined;
    const { e } = fields as { e?: unknown };
    return typeof e === 'number' && e >= this.clock.now().getTime() ? (fields as Record<string, unknown>) : undefined;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
