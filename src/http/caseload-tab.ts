import { Router } from 'express';
import { z } from 'zod';
import type { ListCaseload } from '../app/caseload/list-caseload.js';
import type { DirectoryProvider } from '../app/ports.js';
import { DEFAULT_LOCALE, LOCALES, localeFromTag, type Locale } from '../domain/locale.js';
import { caseloadSections } from '../i18n/caseload-labels.js';
import type { Presentation } from '../i18n/presentation.js';
import { catalogs, translator } from '../i18n/translator.js';
import type { CaseloadPageData, CaseloadResponse } from './caseload-contract.js';
import { tabPageHtml } from './metrics-tab-page.js';
import { refuse, tabSecurity, tabViewer, type TabSignIn } from './tab-access.js';

export interface CaseloadTabDeps extends TabSignIn {
  readonly listCaseload: ListCaseload;
  readonly directory: DirectoryProvider;
  /** The bot's Microsoft app id: the deep link opens the person's chat with it. */
  readonly botAppId: string;
}

const querySchema = z.object({ lang: z.enum(LOCALES).optional() });

/** Teams' deep link to the personal chat with the bot, the list command written ready to send. */
export function botChatLink(botAppId: string, locale: Locale): string {
  const command = catalogs[locale].commands.myRequests.split('|')[1] ?? '';
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(`28:${botAppId}`)}&message=${encodeURIComponent(command)}`;
}

/**
 * "Omat asiat" as a personal tab (`/tab/caseload`) and its API (`/tab/api/caseload`): the same list
 * as the chat's, references, statuses and next steps only, each with a link into the chat with the
 * bot, where the case card (and its description) opens for those in it. Mounted ahead of the
 * metrics tab, which serves the pages' assets and answers every other API path.
 */
export function createCaseloadTab(deps: CaseloadTabDeps): Router {
  const router = Router({ strict: true });
  router.use(tabSecurity);
  const viewerOf = tabViewer(deps);

  router.get('/caseload', (req, res) => {
    const asked = typeof req.query.lang === 'string' ? localeFromTag(req.query.lang) : undefined;
    const lang = asked ?? DEFAULT_LOCALE;
    const texts = catalogs[lang].caseload.tab;
    const data: CaseloadPageData = {
      lang,
      langFromAddress: asked !== undefined,
      texts: { ...texts, dev: { ...catalogs[lang].tab.dev, explain: texts.devExplain } },
      devSignIn: deps.devSignIn ? { people: everyone(deps.directory) } : undefined,
    };
    res.setHeader('cache-control', 'no-store');
    res.type('html').send(tabPageHtml({ lang, name: 'caseload', title: texts.title, loading: texts.loading, data }));
  });

  router.get('/api/caseload', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const viewer = await viewerOf(req);
    if (!viewer.ok) return refuse(res, viewer.error);
    const query = querySchema.safeParse(req.query);
    if (!query.success) return refuse(res, { status: 400, code: 'request.bad_query' });
    const locale = query.data.lang ?? DEFAULT_LOCALE;
    const reader: Presentation = { t: translator(locale), locale, directory: deps.directory.current() };
    const sections = caseloadSections(reader, await deps.listCaseload(viewer.value), viewer.value);
    const chatLink = botChatLink(deps.botAppId, locale);
    const body: CaseloadResponse = {
      sections: sections.map((s) => ({
        kind: s.kind,
        heading: s.heading,
        more: s.more,
        rows: s.lines.map((line) => ({ reference: line.reference, status: line.status, next: line.next, chatLink })),
      })),
      empty: sections.length === 0 ? reader.t('caseload.empty') : '',
      columns: [reader.t('caseload.tab.reference'), reader.t('caseload.tab.status'), reader.t('caseload.tab.next')],
      openChat: reader.t('caseload.tab.openChat'),
    };
    res.json(body);
  });

  return router;
}

/** Whose list a developer may take in a local run: everyone in the directory, by name. */
function everyone(directory: DirectoryProvider): { id: string; label: string }[] {
  const current = directory.current();
  const ids = [...new Set(current.units.flatMap((u) => [...u.members, ...u.supervisors, ...u.deputies]))];
  return ids.map((id) => ({ id, label: current.person(id)?.name ?? id }));
}
