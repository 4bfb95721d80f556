import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditTrailError, AuditTrailView, ReadAuditTrail } from '../app/audit/read-audit-trail.js';
import type { DirectoryProvider } from '../app/ports.js';
import { DEFAULT_LOCALE, LOCALES, localeFromTag, type Locale } from '../domain/locale.js';
import { err, ok, type Result } from '../domain/result.js';
import { AUDIT_FIELDS, auditRows, auditTrailCsv } from '../i18n/audit-trail-labels.js';
import type { Presentation } from '../i18n/presentation.js';
import { catalogs, translator } from '../i18n/translator.js';
import type { AuditPageData, AuditTrailResponse } from './audit-contract.js';
import { AUDIT_EXPORT_PATH, type AuditLinks } from './audit-links.js';
import { tabPageHtml } from './metrics-tab-page.js';
import { refuse, tabSecurity, tabViewer, type Refusal, type TabSignIn } from './tab-access.js';

export interface AuditTabDeps extends TabSignIn {
  readonly readAuditTrail: ReadAuditTrail;
  readonly links: AuditLinks;
  readonly directory: DirectoryProvider;
}

const STATUS_OF: Readonly<Record<AuditTrailError['code'], Refusal['status']>> = {
  'audit.not_permitted': 403,
  'audit.invalid_reference': 400,
  'audit.not_found': 404,
};

const querySchema = z.object({
  reference: z.string().max(40).default(''),
  lang: z.enum(LOCALES).optional(),
});

function readerOf(deps: AuditTabDeps, locale: Locale): Presentation {
  return { t: translator(locale), locale, directory: deps.directory.current() };
}

/** The trail as a download: semicolon-separated with a byte order mark, which Excel needs to read UTF-8. */
function sendCsv(res: Response, reader: Presentation, trail: AuditTrailView): void {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="yhteistyotiimi-loki-${trail.reference}.csv"`);
  res.send(`\uFEFF${auditTrailCsv(reader, trail)}`);
}

/**
 * The data protection officer's page in the tab (`/tab/audit`), its API (`/tab/api/audit`, and
 * `.csv`) and the chat's signed CSV links (`/tab/audit-exports/…`). Every answer is a read by
 * the use case, so every look, download included, is in the audit log. Mounted ahead of the
 * metrics tab, which serves both pages' assets.
 */
export function createAuditTab(deps: AuditTabDeps): Router {
  const router = Router({ strict: true });
  router.use(tabSecurity);
  const viewerOf = tabViewer(deps);

  async function trailFor(req: Request): Promise<Result<{ trail: AuditTrailView; reader: Presentation }, Refusal>> {
    const viewer = await viewerOf(req);
    if (!viewer.ok) return viewer;
    const query = querySchema.safeParse(req.query);
    if (!query.success) return err({ status: 400, code: 'request.bad_query' });
    const trail = await deps.readAuditTrail({ id: viewer.value }, query.data.reference);
    if (!trail.ok) return err({ status: STATUS_OF[trail.error.code], code: trail.error.code });
    return ok({ trail: trail.value, reader: readerOf(deps, query.data.lang ?? DEFAULT_LOCALE) });
  }

  router.get('/audit', (req, res) => {
    const asked = typeof req.query.lang === 'string' ? localeFromTag(req.query.lang) : undefined;
    const lang = asked ?? DEFAULT_LOCALE;
    const texts = catalogs[lang].audit.tab;
    const directory = deps.directory.current();
    const people = directory.dataProtectionOfficers.map((id) => ({ id, label: directory.person(id)?.name ?? id }));
    const data: AuditPageData = { lang, langFromAddress: asked !== undefined, texts: { ...texts, dev: { ...catalogs[lang].tab.dev, explain: texts.devExplain } }, devSignIn: deps.devSignIn ? { people } : undefined };
    res.setHeader('cache-control', 'no-store');
    res.type('html').send(tabPageHtml({ lang, name: 'audit', title: texts.title, loading: texts.loading, data }));
  });

  router.get('/api/audit', async (req, res) => {
    const answer = await trailFor(req);
    res.setHeader('cache-control', 'no-store');
    if (!answer.ok) return refuse(res, answer.error);
    const { trail, reader } = answer.value;
    const body: AuditTrailResponse = {
      reference: trail.reference,
      status: reader.t(`status.${trail.status}`),
      columns: AUDIT_FIELDS.map((f) => reader.t(`audit.field.${f}`)),
      rows: auditRows(reader, trail, Infinity).map((row) => AUDIT_FIELDS.map((f) => row[f])),
    };
    res.json(body);
  });

  router.get('/api/audit.csv', async (req, res) => {
    const answer = await trailFor(req);
    res.setHeader('cache-control', 'no-store');
    if (!answer.ok) return refuse(res, answer.error);
    sendCsv(res, answer.value.reader, answer.value.trail);
  });

  router.get(`${AUDIT_EXPORT_PATH}/:token`, async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const holder = deps.links.verify(req.params.token);
    if (!holder) return refuse(res, { status: 404, code: 'link_expired_or_invalid' });
    const trail = await deps.readAuditTrail({ id: holder.userId }, holder.reference);
    if (!trail.ok) return refuse(res, { status: STATUS_OF[trail.error.code], code: trail.error.code });
    sendCsv(res, readerOf(deps, holder.locale), trail.value);
  });

  return router;
}
