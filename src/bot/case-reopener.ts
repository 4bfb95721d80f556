import type { BotMemory, DeliveryFailure, StoredRequest } from '../app/ports.js';
import type { Presentation } from '../i18n/presentation.js';
import { errorFields, type BotLog } from './bot-log.js';
import { caseCard, type CaseView } from './cards/case-cards.js';
import { reopenedStubCard } from './cards/caseload-cards.js';
import { personKey } from './conversation-keys.js';
import type { ProactiveSender } from './proactive-sender.js';
import type { TrackedCards } from './tracked-cards.js';

export interface CaseReopenerParts {
  readonly sender: Pick<ProactiveSender, 'send' | 'update'>;
  readonly memory: Pick<BotMemory, 'reference'>;
  readonly cards: TrackedCards;
  readonly log: Pick<BotLog, 'warn'>;
}

/**
 * Posts a case card afresh at the bottom of a person's chat with the bot, and turns the earlier
 * copies of that case card in the same chat into a stub, so one live copy has the buttons. The
 * new card is tracked as the notifier tracks what it sends, so later changes update it in place.
 */
export class CaseReopener {
  constructor(private readonly parts: CaseReopenerParts) {}

  async reopen(p: Presentation, stored: StoredRequest, view: CaseView, personId: string, today: string): Promise<DeliveryFailure | undefined> {
    const { request } = stored;
    const conversationKey = personKey(personId);
    const reference = await this.parts.memory.reference(conversationKey);
    if (!reference) return 'no_conversation';
    const earlier = (await this.parts.cards.of(request.id)).filter((card) => card.conversationKey === conversationKey);
    // The new copy goes first: if Teams refuses it, the earlier ones keep their buttons.
    const sent = await this.parts.sender.send(reference, caseCard(p, stored, view, { today }));
    if (!sent.ok) return sent.failure;
    await this.quietly('reopened card not tracked', () => this.parts.cards.track(request.id, { conversationKey, activityId: sent.activityId, view }));
    const stub = reopenedStubCard(p, request.reference ?? '');
    for (const card of earlier) {
      if (card.activityId === sent.activityId) continue;
      const updated = await this.parts.sender.update(reference, card.activityId, stub);
      // A stub is forgotten, so no later change brings buttons back to it; a copy Teams would not
      // turn into one stays tracked, so later changes keep it current rather than leave it stale.
      if (updated.ok) await this.quietly('earlier case card not forgotten', () => this.parts.cards.forget(request.id, card));
      else this.parts.log.warn({ conversationKey, failure: updated.failure }, 'earlier case card not turned into a stub');
    }
    return undefined;
  }

  /** The card is already in the chat: a tracking write that fails costs only in-place updates, so it is logged, not answered. */
  private async quietly(message: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.parts.log.warn(errorFields(error), message);
    }
  }
}
