import type { StoredRequest } from '../app/ports.js';
import type { WorkflowError } from '../app/workflow/workflow-deps.js';
import type { Presentation } from '../i18n/presentation.js';
import { caseCard, type CaseCardOptions, type CaseView } from './cards/case-cards.js';
import { formatDateTime } from './cards/formatting.js';
import { noticeCard } from './cards/intake-cards.js';
import { personName } from './cards/presentation.js';
import type { BotReply } from './turn.js';
import { bannerAt } from './tracked-cards.js';

/** Card data that no card of ours sends: a stale or forged click, told to the clicker alone. */
export const unknownAction = (p: Presentation): BotReply => ({ message: p.t('errors.unknownAction') });

/** A card in answer to a chat message or click: what happened, with the way on (new request, my requests). */
export const noticeReply = (p: Presentation, text: string, color?: 'Default' | 'Attention' | 'Good'): BotReply => ({ card: noticeCard(p, text, color) });

/** Where the answer is a card anyway (intake, an unknown verb), a stale click is answered with one too: the way on is on it. */
export const unknownActionCard = (p: Presentation): BotReply => noticeReply(p, p.t('errors.unknownAction'), 'Attention');

/** Outside a personal chat the bot only links channels: anything else is told where to go instead. */
export const channelHelp = (p: Presentation): BotReply => ({ message: `${p.t('errors.personalChatOnly')} ${p.t('channel.help')}` });

/** Why a step was refused, in the reader's language; the loser of a race learns who was first and when. */
export function refusalText(p: Presentation, error: WorkflowError): string {
  switch (error.code) {
    case 'request.already_decided':
      return p.t('errors.request.already_decided', { name: personName(p, error.by), time: formatDateTime(error.at, p.locale) });
    case 'request.stale':
      return p.t('confirm.stale');
    case 'request.comment_required':
      return p.t('validation.commentRequired');
    default:
      return p.t(`errors.${error.code}`);
  }
}

/** A refused step, told to the clicker alone. */
export function refusalReply(p: Presentation, error: WorkflowError): BotReply {
  return { message: refusalText(p, error) };
}

/** The case card for `view`, remembered with the reply so that later changes update it in place. */
export function caseReply(
  p: Presentation,
  stored: StoredRequest,
  view: CaseView,
  today: string,
  banner?: CaseCardOptions['banner'],
  inputs: Pick<CaseCardOptions, 'typed' | 'fieldErrors'> = {},
): BotReply {
  return { card: caseCard(p, stored, view, { today, banner, ...inputs }), shows: { requestId: stored.request.id, view, banner: bannerAt(banner, stored.request.version) } };
}
