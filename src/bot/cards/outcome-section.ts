import { mayCloseCase, mayReconvene } from '../../domain/privacy/access-policy.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import type { Presentation } from '../../i18n/presentation.js';
import { formatDate, formatDateTime } from './formatting.js';
import { personName } from './presentation.js';

const NONE = { show: false };

/**
 * What the last meeting decided, for everyone in the case: consent as a fact, who attended, the
 * omatyöntekijä and what follows; and the next steps of the reader: feedback, re-convening, closing.
 */
export function outcomeSection(p: Presentation, request: CollaborationRequest, viewerId: string | undefined) {
  const { t, locale } = p;
  const outcome = request.outcomes?.at(-1);
  if (!outcome) return NONE;
  const given = outcome.consent === 'given';
  const open = request.status === 'held' || request.status === 'follow_up';
  const recorded = { name: personName(p, outcome.recordedBy), time: formatDateTime(outcome.recordedAt, locale) };
  const facts = [
    { title: t('outcome.attendees'), value: outcome.attendeeIds.map((id) => personName(p, id)).join(', ') },
    { title: t('outcome.client'), value: t(`meetingDay.${outcome.clientPresence}`) },
    ...(given
      ? [
          { title: t('outcome.responsible'), value: personName(p, outcome.responsibleWorkerId ?? '') },
          { title: t('outcome.nextMeeting'), value: outcome.nextMeetingDate ? formatDate(outcome.nextMeetingDate, locale) : t('outcome.notNeeded') },
          { title: t('outcome.consentValidUntil'), value: outcome.consentValidUntil ? formatDate(outcome.consentValidUntil, locale) : t('outcome.notNeeded') },
        ]
      : []),
  ];
  const asked = viewerId !== undefined && (outcome.recordedBy === viewerId || outcome.attendeeIds.includes(viewerId));
  const mayClose =
    viewerId !== undefined &&
    open &&
    mayCloseCase(p.directory, viewerId, request);
  return {
    show: true,
    title: t('outcome.title', { date: formatDate(outcome.date, locale) }),
    consentLine: t(given ? 'outcome.consentGiven' : 'outcome.consentNotGiven', recorded),
    consentColor: given ? 'Good' : 'Attention',
    facts,
    closedLine: request.closed ? t('outcome.closed', { name: personName(p, request.closed.by), time: formatDateTime(request.closed.at, locale) }) : '',
    purgedLine: request.purgedAt ? t('outcome.purged') : '',
    generation: String(outcome.generation),
    canFeedback: given && asked && open,
    canReconvene: viewerId !== undefined && mayReconvene(request, viewerId),
    canClose: mayClose,
    feedbackLabel: t('outcome.giveFeedback'),
    reconveneLabel: t('outcome.reconvene'),
    closeLabel: t('outcome.close'),
  };
}
