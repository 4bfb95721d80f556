import type { Caseload, CaseloadRole, CaseloadRow } from '../app/caseload/list-caseload.js';
import { nextStepOf } from '../domain/collaboration/next-step.js';
import { isEditable, type CollaborationRequest } from '../domain/collaboration/request.js';
import { formatDateTime } from '../bot/cards/formatting.js';
import type { Presentation } from './presentation.js';

/** One case in a person's list as every surface shows it: reference, status and the next step with who has it; never description text. */
export interface CaseloadLine {
  readonly requestId: string;
  readonly role: CaseloadRole | 'draft';
  readonly unitId: string;
  readonly reference: string;
  /** '' for a draft, which has no status to tell. */
  readonly status: string;
  readonly next: string;
  /** The sender's own draft or returned request opens as the form, to edit. */
  readonly editable: boolean;
}

export interface CaseloadSection {
  readonly kind: CaseloadRole | 'drafts' | 'finished';
  readonly heading: string;
  readonly lines: readonly CaseloadLine[];
  /** "Showing 8 of 12" when the section shows fewer than there are; else ''. */
  readonly more: string;
}

/** The caseload in the reader's language, section by section: drafts, each role held, then the ended cases. */
export function caseloadSections(p: Presentation, caseload: Caseload, viewerId: string): CaseloadSection[] {
  const { t } = p;
  const more = (shown: number, total: number) => (total > shown ? t('caseload.more', { shown, total }) : '');
  const drafts: CaseloadSection[] =
    caseload.drafts.length > 0
      ? [
          {
            kind: 'drafts',
            heading: t('caseload.drafts'),
            lines: caseload.drafts.map((request) => lineOf(p, { request, role: 'sent' }, viewerId, 'draft')),
            more: more(caseload.drafts.length, caseload.draftsTotal),
          },
        ]
      : [];
  const groups = caseload.groups.map((group) => ({
    kind: group.role,
    heading: t(`caseload.groups.${group.role}`),
    lines: group.rows.map((row) => lineOf(p, row, viewerId)),
    more: more(group.rows.length, group.total),
  }));
  const finished: CaseloadSection[] =
    caseload.finished.length > 0 ? [{ kind: 'finished', heading: t('caseload.finished'), lines: caseload.finished.map((row) => lineOf(p, row, viewerId)), more: '' }] : [];
  return [...drafts, ...groups, ...finished];
}

function lineOf(p: Presentation, row: CaseloadRow, viewerId: string, role: CaseloadLine['role'] = row.role): CaseloadLine {
  const { request } = row;
  const draft = request.status === 'draft';
  return {
    requestId: request.id,
    role,
    unitId: row.unitId ?? '',
    reference: request.reference ?? p.t('list.draftLabel'),
    // A draft is only its writer's: when it was last saved says more than "draft, being corrected by you".
    status: draft ? '' : p.t(`status.${request.status}`),
    next: draft ? p.t('list.updated', { time: formatDateTime(request.updatedAt, p.locale) }) : nextStepText(p, request, viewerId),
    editable: row.role === 'sent' && request.ownerId === viewerId && isEditable(request),
  };
}

/** "Odottaa kuittausta: Lastenpsykiatria": the step the case waits for, and the units or the person who have it. */
export function nextStepText(p: Presentation, request: CollaborationRequest, viewerId: string): string {
  const next = nextStepOf(request);
  let holder: string;
  if ('unitIds' in next) holder = next.unitIds.map((id) => p.directory.unitName(id, p.locale) ?? id).join(', ');
  else if ('personId' in next) holder = next.personId === viewerId ? p.t('caseload.you') : (p.directory.person(next.personId)?.name ?? next.personId);
  else return p.t(`caseload.next.${next.step}`);
  return p.t(`caseload.next.${next.step}`, { holder });
}
