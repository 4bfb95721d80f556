import type { Clock } from '../app/ports.js';
import { LOCALES, type Locale } from '../domain/locale.js';
import { parseReference } from '../domain/collaboration/request.js';
import { LinkSigner } from './signed-links.js';

/** As long as the report links: long enough to click, short enough that a forwarded link soon stops working. */
const LINK_TTL_MS = 15 * 60 * 1000;

/** The path under /tab where the links point. */
export const AUDIT_EXPORT_PATH = '/audit-exports';

export interface AuditLinkHolder {
  readonly userId: string;
  readonly locale: Locale;
  readonly reference: string;
}

/**
 * The chat's download link to a request's audit trail as CSV. It names the officer, the
 * reference and the language, and expires; the trail is read when the link is opened, as that
 * person with their role then, so every download is itself logged and a former officer gets nothing.
 */
export class AuditLinks {
  private readonly signer: LinkSigner;

  constructor(
    encryptionKey: Buffer,
    private readonly baseUrl: string,
    clock: Clock,
  ) {
    this.signer = new LinkSigner(encryptionKey, 'audit trail link', clock, LINK_TTL_MS);
  }

  linkFor(holder: AuditLinkHolder): string {
    const token = this.signer.sign({ u: holder.userId, l: holder.locale, r: holder.reference });
    return `${this.baseUrl.replace(/\/$/, '')}/tab${AUDIT_EXPORT_PATH}/${token}.csv`;
  }

  verify(token: string): AuditLinkHolder | undefined {
    const fields = this.signer.open(token.replace(/\.csv$/, ''));
    const locale = LOCALES.find((known) => known === fields?.l);
    const reference = typeof fields?.r === 'string' ? parseReference(fields.r) : undefined;
    if (typeof fields?.u !== 'string' || !locale || !reference) return undefined;
    return { userId: fields.u, locale, reference };
  }
}
