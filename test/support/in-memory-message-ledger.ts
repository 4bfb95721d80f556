import type { MessageLedger } from '../../src/app/ports.js';

/** The message ledger in memory; a sent message is remembered for `retentionMs`, as in Redis. */
export class InMemoryMessageLedger implements MessageLedger {
  private readonly sentAt = new Map<string, number>();

  constructor(private readonly retentionMs = Number.POSITIVE_INFINITY) {}

  async begin(key: string): Promise<'send' | 'already_sent'> {
    const at = this.sentAt.get(key);
    return at !== undefined && Date.now() - at < this.retentionMs ? 'already_sent' : 'send';
  }

  async markSent(key: string): Promise<void> {
    this.sentAt.set(key, Date.now());
  }
}
