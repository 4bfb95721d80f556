import type { Caseload } from '../../app/caseload/list-caseload.js';
import { caseloadSections } from '../../i18n/caseload-labels.js';
import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';

/**
 * "Omat asiat": every case the person is part of, grouped by their part in it, each row with its
 * reference, status and next step, and a button that posts the case card afresh in their view.
 */
export function caseloadCard(p: Presentation, caseload: Caseload, viewerId: string, notice = ''): AdaptiveCard {
  const { t } = p;
  const sections = caseloadSections(p, caseload, viewerId);
  return renderCard('myRequests', {
    title: t('list.title'),
    notice,
    empty: sections.length === 0 ? t('caseload.empty') : '',
    newRequest: t('list.newRequest'),
    groups: sections.map((section) => ({
      heading: section.heading,
      more: section.more,
      rows: section.lines.map((line) => ({
        id: line.requestId,
        role: line.role,
        unitId: line.unitId,
        heading: line.status ? t('caseload.row', { reference: line.reference, status: line.status }) : line.reference,
        details: line.next,
        canEdit: line.editable,
        canDelete: line.role === 'draft',
        openLabel: line.editable ? t('list.open') : t('caseload.open'),
        deleteLabel: t('list.delete'),
      })),
    })),
  });
}

/** What an older copy of a reopened case card becomes: its reference and where the live one is, no buttons. */
export function reopenedStubCard(p: Presentation, reference: string): AdaptiveCard {
  return renderCard('caseReopened', { reference: p.t('caseload.reopened.title', { reference }), text: p.t('caseload.reopened.text') });
}
