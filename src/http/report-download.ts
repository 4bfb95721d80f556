import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import helmet from 'helmet';
import type { Clock } from '../app/ports.js';
import { DEFAULT_LOCALE, LOCALES, localeFromTag, type Locale } from '../domain/locale.js';
import { translator } from '../i18n/translator.js';
import { escapeHtml } from './metrics-tab-page.js';
import type { LinkHolder, ReportLinks, VerifiedLink } from './report-links.js';
import type { HttpLog } from './server.js';
import { textPage } from './text-page.js';

/** Which report links have been used, across every instance. */
export interface LinkUses {
  /** Marks the link used and answers true, or false when it already was: of two downloads at once, one wins. */
  claim(linkId: string, ttlMs: number): Promise<boolean>;
  used(linkId: string): Promise<boolean>;
}

export interface ReportDownloadDeps {
  readonly links: ReportLinks;
  readonly uses: LinkUses;
  readonly clock: Clock;
  /** The holder's CSV with their roles as they are now; undefined when they lead no unit any more. */
  readonly csv: (holder: LinkHolder) => Promise<string | undefined>;
  readonly log: HttpLog;
}

/** A used link is remembered a little past its expiry, so instances whose clocks differ agree it is spent. */
const REMEMBER_PAST_EXPIRY_MS = 60_000;

type Answer = 'ready' | 'invalid' | 'malformed' | 'expired' | 'used' | 'notLead' | 'unavailable';

/** A link that is not one of ours is not found; one that is not even a URL (%E0) is a bad request. */
const STATUS: Readonly<Record<Answer, number>> = { ready: 200, invalid: 404, malformed: 400, expired: 410, used: 410, notLead: 403, unavailable: 503 };

/** What the page says: a malformed link reads as any link that is not valid. */
const TEXT: Readonly<Record<Answer, string>> = {
  ready: 'reportLink.ready',
  invalid: 'reportLink.invalid',
  malformed: 'reportLink.invalid',
  expired: 'reportLink.expired',
  used: 'reportLink.used',
  notLead: 'reportLink.notLead',
  unavailable: 'reportLink.unavailable',
};

/**
 * The chat's CSV link, bound to the person by being usable once. Opening it shows a page whose
 * button downloads the file; the download spends the link. Link scanners (Safe Links, previews)
 * open links but press no buttons, so they cannot spend it before its holder does.
 */
export function reportDownloads(deps: ReportDownloadDeps): Router {
  // Mounted at /reports.
  const router = express.Router();
  router.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], formAction: ["'self'"], frameAncestors: ["'none'"] } },
      // Set for every response behind HTTPS, in server.ts.
      strictTransportSecurity: false,
    }),
  );

  /** A link we did not sign says nothing we believe, its language included: the browser's is used. */
  const browserLocale = (req: Request): Locale => localeFromTag(req.acceptsLanguages([...LOCALES]) || undefined) ?? DEFAULT_LOCALE;

  const page = (res: Response, locale: Locale, answer: Answer) => {
    const t = translator(locale);
    const button = answer === 'ready' ? `<form method="post"><button type="submit">${escapeHtml(t('reportLink.download'))}</button></form>` : '';
    const again = answer === 'ready' ? '' : `<p>${escapeHtml(t('reportLink.again'))}</p>`;
    res.status(STATUS[answer]).setHeader('cache-control', 'no-store');
    res.type('html').send(textPage(locale, t('reportLink.title'), `<p>${escapeHtml(t(TEXT[answer]))}</p>\n${button}${again}`));
  };

  /** The link's holder, or the page that says why there is none. */
  const linkOf = (req: Request, res: Response): VerifiedLink | undefined => {
    const verified = deps.links.verify(String(req.params.token));
    if (verified.ok) return verified.value;
    const refused = verified.error;
    if (refused.code === 'link.expired') page(res, refused.locale, 'expired');
    else page(res, browserLocale(req), 'invalid');
    return undefined;
  };

  /** A store we cannot reach is our outage: the person is asked to try again, in their language. */
  const unavailable = (res: Response, locale: Locale, error: unknown) => {
    deps.log.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'report download failed');
    page(res, locale, 'unavailable');
  };

  router.get('/:token', async (req, res) => {
    const link = linkOf(req, res);
    if (!link) return;
    try {
      page(res, link.locale, (await deps.uses.used(link.linkId)) ? 'used' : 'ready');
    } catch (error) {
      unavailable(res, link.locale, error);
    }
  });

  router.post('/:token', async (req, res) => {
    const link = linkOf(req, res);
    if (!link) return;
    try {
      const ttlMs = link.expiresAt - deps.clock.now().getTime() + REMEMBER_PAST_EXPIRY_MS;
      if (!(await deps.uses.claim(link.linkId, ttlMs))) return page(res, link.locale, 'used');
      const csv = await deps.csv(link);
      if (csv === undefined) return page(res, link.locale, 'notLead');
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', 'attachment; filename="yhteistyotiimi-mittarit.csv"');
      res.setHeader('cache-control', 'no-store');
      // The byte order mark makes Excel read the file as UTF-8 (ä, ö, å).
      res.send(`\uFEFF${csv}`);
    } catch (error) {
      unavailable(res, link.locale, error);
    }
  });

  // A person reaches these pages from a chat: whatever else they open here, they read a page in their language, never JSON.
  router.all('/{*rest}', (req, res) => page(res, browserLocale(req), 'invalid'));
  const refused: ErrorRequestHandler = (error: { status?: number }, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error.status === 400) return page(res, browserLocale(req), 'malformed');
    unavailable(res, browserLocale(req), error);
  };
  router.use(refused);
  return router;
}
