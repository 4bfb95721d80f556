import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../app/ports.js';
import { LOCALES, type Locale } from '../domain/locale.js';

/** Long enough to click, short enough that a forwarded link soon stops working. */
const LINK_TTL_MS = 15 * 60 * 1000;

export interface LinkHolder {
  readonly userId: string;
  readonly locale: Locale;
}

/**
 * Download links for a supervisor's CSV report. The link names the person and expires; the
 * report is made when it is downloaded, with that person's roles as they are then.
 */
export class ReportLinks {
  private readonly secret: Buffer;

  constructor(
    encryptionKey: Buffer,
    private readonly baseUrl: string,
    private readonly clock: Clock,
  ) {
    this.secret = Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'yhteistyobotti report link', 32));
  }

  linkFor(holder: LinkHolder): string {
    const payload = Buffer.from(JSON.stringify({ u: holder.userId, l: holder.locale, e: this.clock.now().getTime() + LINK_TTL_MS })).toString('base64url');
    return `${this.baseUrl.replace(/\/$/, '')}/reports/${payload}.${this.sign(payload)}.csv`;
  }

  verify(token: string): LinkHolder | undefined {
    const [payload = '', signature = ''] = token.replace(/\.csv$/, '').split('.');
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const { u, l, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; l?: unknown; e?: unknown };
      const locale = LOCALES.find((known) => known === l);
      if (typeof u !== 'string' || !locale || typeof e !== 'number' || e < this.clock.now().getTime()) return undefined;
      return { userId: u, locale };
    } catch {
      return undefined;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
