import type { BotMemory } from '../../src/app/ports.js';

/** The bot's memory of references and sent cards, in memory. */
export class InMemoryBotMemory implements BotMemory {
  private readonly references = new Map<string, string>();
  private readonly cards = new Map<string, Map<string, string>>();

  async saveReference(key: string, reference: string): Promise<void> {
    this.references.set(key, reference);
  }

  async reference(key: string): Promise<string | undefined> {
    return this.references.get(key);
  }

  async trackCard(requestId: string, cardKey: string, entry: string): Promise<void> {
    const cards = this.cards.get(requestId) ?? new Map<string, string>();
    this.cards.set(requestId, cards.set(cardKey, entry));
  }

  async trackedCards(requestId: string): Promise<string[]> {
    return [...(this.cards.get(requestId)?.values() ?? [])];
  }

  async forgetCard(requestId: string, cardKey: string): Promise<void> {
    this.cards.get(requestId)?.delete(cardKey);
  }
}
