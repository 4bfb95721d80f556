import type { AuditTrailView } from '../../app/audit/read-audit-trail.js';
import { auditRows, type AuditField } from '../../i18n/audit-trail-labels.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';
import type { Presentation } from '../../i18n/presentation.js';

/** Entries on one card: 20 channel disclosures, each naming 10 members, make about 20 KB, within the 24 KB card budget (CARD_BUDGET_BYTES). */
export const AUDIT_PAGE_SIZE = 20;

/** What an entry's facts show under its heading (time, event, who): the six points where they apply. */
const FACTS: readonly AuditField[] = ['what', 'unit', 'from', 'to', 'members', 'requestedBy', 'basis', 'purpose'];

export interface AuditTrailPage {
  /** From 1. */
  readonly page: number;
  readonly csvUrl: string;
  /** What the reader types for the next page, in their language. */
  readonly nextCommand: string;
}

export const auditTrailPages = (trail: AuditTrailView): number => Math.max(1, Math.ceil(trail.entries.length / AUDIT_PAGE_SIZE));

/** One page of a request's audit trail, oldest first, with the whole trail as a CSV link. */
export function auditTrailCard(p: Presentation, trail: AuditTrailView, { page, csvUrl, nextCommand }: AuditTrailPage): AdaptiveCard {
  const first = (page - 1) * AUDIT_PAGE_SIZE;
  const rows = auditRows(p, { ...trail, entries: trail.entries.slice(first, first + AUDIT_PAGE_SIZE) });
  const total = trail.entries.length;
  const last = first + rows.length;
  return renderCard('auditTrail', {
    title: p.t('audit.title', { reference: trail.reference }),
    intro: p.t('audit.intro', { reference: trail.reference, status: p.t(`status.${trail.status}`) }),
    pageLine: p.t('audit.pageLine', { from: first + 1, to: last, total }),
    entries: rows.map((row) => ({
      heading: [row.at, row.action, row.actor].join(' · '),
      facts: FACTS.filter((f) => row[f] !== '').map((f) => ({ title: p.t(`audit.field.${f}`), value: row[f] })),
    })),
    more: last < total ? p.t('audit.more', { command: nextCommand }) : '',
    csvHint: p.t('audit.csvHint'),
    csv: p.t('audit.csv'),
    csvUrl,
  });
}
