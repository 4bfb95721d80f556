import { CARD_BUDGET_BYTES } from '../../domain/card-text.js';
import { adaptiveCardAttachment } from '../teams-activity.js';
import type { AdaptiveCard } from './card-templates.js';

/** The card as it travels: the attachment of a message, or the value of an invoke answer, is this JSON. */
export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(adaptiveCardAttachment(card)));
}

export const fitsTeams = (card: AdaptiveCard): boolean => cardBytes(card) <= CARD_BUDGET_BYTES;
