import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../app/ports.js';
import { LOCALES, type Locale } from '../domain/locale.js';
import { err, ok, type Result } from '../domain/result.js';

/** Long enough to click, short enough that a forwarded link soon stops working. */
const LINK_TTL_MS = 15 * 60 * 1000;

export interface LinkHolder {
  readonly userId: string;
  readonly locale: Locale;
}

/** A link whose signature holds and whose time has not run out; its id lets it be used once. */
export interface VerifiedLink extends LinkHolder {
  readonly linkId: string;
  readonly expiresAt: number;
}

/** An expired link was still signed by us, so its language can be believed. */
export type LinkError = { readonly code: 'link.invalid' } | { readonly code: 'link.expired'; readonly locale: Locale };

/**
 * Download links for a supervisor's CSV report. The link names the person, carries an id of its
 * own and expires; the report is made when it is downloaded, with that person's roles as they are
 * then. That it is used only once is the download route's to enforce (report-download.ts).
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
    const claims = { u: holder.userId, l: holder.locale, e: this.clock.now().getTime() + LINK_TTL_MS, n: randomBytes(16).toString('base64url') };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${this.baseUrl.replace(/\/$/, '')}/reports/${payload}.${this.sign(payload)}`;
  }

  verify(token: string): Result<VerifiedLink, LinkError> {
    const [payload = '', signature = ''] = token.split('.');
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return err({ code: 'link.invalid' });
    // Only we sign, and only JSON: a payload whose signature holds parses.
    const { u, l, e, n } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; l?: unknown; e?: unknown; n?: unknown };
    const locale = LOCALES.find((known) => known === l);
    if (typeof u !== 'string' || !locale || typeof e !== 'number' || typeof n !== 'string') return err({ code: 'link.invalid' });
    if (e < this.clock.now().getTime()) return err({ code: 'link.expired', locale });
    return ok({ userId: u, locale, linkId: n, expiresAt: e });
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
