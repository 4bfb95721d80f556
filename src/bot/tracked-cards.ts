import type { BotMemory } from '../app/ports.js';
import type { CaseView } from './cards/case-cards.js';

/** A card the bot sent or answered with about a request, remembered so it can be re-rendered in place. */
export interface TrackedCard {
  readonly conversationKey: string;
  readonly activityId: string;
  readonly view: CaseView;
}

/** Every card about a request, wherever it is: a later change updates each in place, so no stale button stays live. */
export class TrackedCards {
  constructor(private readonly memory: Pick<BotMemory, 'trackCard' | 'trackedCards'>) {}

  async track(requestId: string, card: TrackedCard): Promise<void> {
    await this.memory.trackCard(requestId, `${card.conversationKey}|${card.activityId}`, JSON.stringify(card));
  }

  async of(requestId: string): Promise<TrackedCard[]> {
    return (await this.memory.trackedCards(requestId)).map((entry) => JSON.parse(entry) as TrackedCard);
  }
}
