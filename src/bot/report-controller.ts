import type { MakeUnitReport } from '../app/reporting/unit-report.js';
import type { Locale } from '../domain/locale.js';
import { translator } from '../i18n/translator.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import type { Presentation } from './cards/presentation.js';
import { reportCard, reportCsv } from './cards/report-cards.js';
import type { DirectoryProvider } from '../app/ports.js';

export interface ReportControllerDeps {
  readonly unitReport: MakeUnitReport;
  readonly csvLink: (holder: { userId: string; locale: Locale }) => string;
  readonly directory: DirectoryProvider;
}

/** "raportti": a supervisor's metrics as cards, or a link to the same figures as CSV. */
export class ReportController {
  constructor(private readonly deps: ReportControllerDeps) {}

  /** One card per unit: a unit's six months fill about half of what Teams allows in one message. */
  async cards(userId: string, p: Presentation): Promise<AdaptiveCard[] | string> {
    const reports = await this.deps.unitReport({ id: userId });
    if (!reports.ok) return p.t(`errors.${reports.error.code}`);
    return reports.value.map((report) => reportCard(p, [report]));
  }

  async csvLinkMessage(userId: string, p: Presentation): Promise<string> {
    const reports = await this.deps.unitReport({ id: userId });
    if (!reports.ok) return p.t(`errors.${reports.error.code}`);
    return p.t('report.csvLink', { url: this.deps.csvLink({ userId, locale: p.locale }) });
  }

  /** The download behind a link: made now, with the holder's roles as they are now. */
  async csv(userId: string, locale: Locale): Promise<string | undefined> {
    const reports = await this.deps.unitReport({ id: userId });
    if (!reports.ok) return undefined;
    return reportCsv({ t: translator(locale), locale, directory: this.deps.directory.current() }, reports.value);
  }
}
