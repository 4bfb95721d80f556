import type { MakeUnitReport } from '../app/reporting/unit-report.js';
import type { Locale } from '../domain/locale.js';
import type { PresentationSource } from '../i18n/presentation.js';
import { reportCard, reportCsv } from './cards/report-cards.js';
import { noticeReply } from './replies.js';
import type { BotReply, Call } from './turn.js';

export interface ReportControllerDeps {
  readonly unitReport: MakeUnitReport;
  readonly csvLink: (holder: { userId: string; locale: Locale }) => string;
  /** The download is made for the language its link was made in. */
  readonly presentations: Pick<PresentationSource, 'forLocale'>;
}

/** "raportti": a supervisor's metrics as cards, or a link to the same figures as CSV. */
export class ReportController {
  constructor(private readonly deps: ReportControllerDeps) {}

  /** One card per unit: a unit's six months fill about half of what Teams allows in one message. */
  async cards({ actor, p }: Call): Promise<BotReply[]> {
    const reports = await this.deps.unitReport({ id: actor.id });
    if (!reports.ok) return [noticeReply(p, p.t(`errors.${reports.error.code}`), 'Attention')];
    return reports.value.map((report) => ({ card: reportCard(p, [report]) }));
  }

  async csvLink({ actor, p }: Call): Promise<BotReply> {
    const reports = await this.deps.unitReport({ id: actor.id });
    if (!reports.ok) return { message: p.t(`errors.${reports.error.code}`), markdown: true };
    return { message: p.t('report.csvLink', { url: this.deps.csvLink({ userId: actor.id, locale: p.locale }) }), markdown: true };
  }

  /** The download behind a link: made now, with the holder's roles as they are now. */
  async csv(userId: string, locale: Locale): Promise<string | undefined> {
    const reports = await this.deps.unitReport({ id: userId });
    if (!reports.ok) return undefined;
    return reportCsv(this.deps.presentations.forLocale(locale), reports.value);
  }
}
