import type { BotMemory } from '../app/ports.js';
import type { CaseView } from './cards/case-cards.js';
import type { BannerStyle } from './cards/presentation.js';

/** A card the bot sent or answered with about a request, remembered so it can be re-rendered in place. */
export interface TrackedCard {
  readonly conversationKey: string;
  readonly activityId: string;
  readonly view: CaseView;
  /**
   * The line an event put on the card, with the request version it was true at: a redraw at that
   * version keeps it (the redraw that follows a notice must not wipe the notice's reason), a
   * redraw after the request moved on drops it, as it may no longer hold.
   */
  readonly banner?: { readonly text: string; readonly style: BannerStyle; readonly version: number } | undefined;
}

/** The banner a card shows, remembered with the request version it is true at; none for an empty one. */
export function bannerAt(banner: { readonly text: string; readonly style: BannerStyle } | undefined, version: number): TrackedCard['banner'] {
  return banner?.text ? { ...banner, version } : undefined;
}

/**
 * A feedback form sent to a person. It is not redrawn as the case moves (that would wipe what they
 * typed); once the case ends it is redrawn once, saying feedback is closed, without its button.
 */
export interface TrackedFeedbackCard {
  readonly conversationKey: string;
  readonly activityId: string;
  readonly viewerId: string;
  readonly generation: number;
}

/** Every card about a request, wherever it is: a later change updates each in place, so no stale button stays live. */
export class TrackedCards {
  constructor(private readonly memory: Pick<BotMemory, 'trackCard' | 'trackedCards' | 'forgetCard'>) {}

  async track(requestId: string, card: TrackedCard): Promise<void> {
    await this.memory.trackCard(requestId, cardKeyOf(card), JSON.stringify(card));
  }

  /** The card no longer shows the request: later changes leave it as it is. */
  async forget(requestId: string, card: Pick<TrackedCard, 'conversationKey' | 'activityId'>): Promise<void> {
    await this.memory.forgetCard(requestId, cardKeyOf(card));
  }

  async of(requestId: string): Promise<TrackedCard[]> {
    return (await this.memory.trackedCards(requestId)).map((entry) => JSON.parse(entry) as TrackedCard);
  }

  async trackFeedback(requestId: string, card: TrackedFeedbackCard): Promise<void> {
    await this.memory.trackCard(feedbackCardsOf(requestId), cardKeyOf(card), JSON.stringify(card));
  }

  async feedbackOf(requestId: string): Promise<TrackedFeedbackCard[]> {
    return (await this.memory.trackedCards(feedbackCardsOf(requestId))).map((entry) => JSON.parse(entry) as TrackedFeedbackCard);
  }

  /** Redrawn as closed: no later change touches it again. */
  async forgetFeedback(requestId: string, card: TrackedFeedbackCard): Promise<void> {
    await this.memory.forgetCard(feedbackCardsOf(requestId), cardKeyOf(card));
  }
}

/** Feedback forms are kept apart from the case cards, which every change redraws as case cards. */
const feedbackCardsOf = (requestId: string) => `${requestId}/feedback`;

const cardKeyOf = (card: Pick<TrackedCard, 'conversationKey' | 'activityId'>) => `${card.conversationKey}|${card.activityId}`;
