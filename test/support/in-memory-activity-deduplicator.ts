import type { ActivityDeduplicator } from '../../src/app/ports.js';

export class InMemoryActivityDeduplicator implements ActivityDeduplicator {
  private readonly seen = new Set<string>();

  async firstTime(conversationId: string, activityId: string): Promise<boolean> {
    const key = JSON.stringify([conversationId, activityId]);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  async forget(conversationId: string, activityId: string): Promise<void> {
    this.seen.delete(JSON.stringify([conversationId, activityId]));
  }
}
