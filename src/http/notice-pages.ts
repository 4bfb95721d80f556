import express, { type Router } from 'express';
import helmet from 'helmet';
import { localeFromTag, DEFAULT_LOCALE, type Locale } from '../domain/locale.js';
import { catalogs, translator } from '../i18n/translator.js';
import { escapeHtml } from './metrics-tab-page.js';
import { textPage } from './text-page.js';

type NoticeName = 'privacy' | 'terms';

/** A notice is a title and paragraphs in the catalogs; the retention period is the configured one. */
function noticeHtml(name: NoticeName, locale: Locale, retentionDays: number): string {
  const notice = catalogs[locale].notices[name];
  const t = translator(locale);
  const period = t('notices.privacy.retentionPeriod', { count: retentionDays });
  const paragraphs = notice.paragraphs.map((_, i) => `<p>${escapeHtml(t(`notices.${name}.paragraphs.${i}`, { period }))}</p>`).join('\n');
  return textPage(locale, notice.title, paragraphs);
}

/**
 * The privacy notice and the terms of use the Teams app package links to, in the reader's
 * language (`?lang=fi|sv|en`, Finnish by default).
 */
export function noticePages(retentionDays: number): Router {
  const router = express.Router();
  router.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"] } }, strictTransportSecurity: false }));
  for (const name of ['privacy', 'terms'] as const) {
    router.get(`/${name}`, (req, res) => {
      const locale = localeFromTag(typeof req.query.lang === 'string' ? req.query.lang : undefined) ?? DEFAULT_LOCALE;
      res.type('html').send(noticeHtml(name, locale, retentionDays));
    });
  }
  // The app package's website link: the terms say what the bot is for and whom it is for.
  router.get('/', (req, res) => {
    res.redirect(typeof req.query.lang === 'string' && localeFromTag(req.query.lang) ? `/terms?lang=${localeFromTag(req.query.lang)}` : '/terms');
  });
  return router;
}
