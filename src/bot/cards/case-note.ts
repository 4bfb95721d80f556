import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';
import type { BannerStyle } from './presentation.js';

const COLOR: Record<BannerStyle | 'default', string> = { good: 'Good', attention: 'Attention', warning: 'Warning', default: 'Default' };

/**
 * The one line an event adds to a person's chat when their case card was updated in place: the
 * card itself may be far up the chat, so the line says what happened and opens it at the bottom.
 */
export function caseNoteCard({ t }: Presentation, text: string, requestId: string, style: BannerStyle | 'default' = 'default'): AdaptiveCard {
  return renderCard('caseNote', { text, color: COLOR[style], requestId, openLabel: t('note.open') });
}
