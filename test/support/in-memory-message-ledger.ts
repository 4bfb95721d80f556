import type { LedgerBegin, MessageLedger } from '../../src/app/ports.js';

/** The message ledger in memory; a sent message is remembered for `retentionMs` and an attempt leased for `leaseMs`, as in Redis. */
export class InMemoryMessageLedger implements MessageLedger {
  private readonly sentAt = new Map<string, number>();
  private readonly leasedUntil = new Map<string, number>();

  constructor(
    private readonly retentionMs = Number.POSITIVE_INFINITY,
    private readonly leaseMs = 60_000,
  ) {}

  async begin(key: string): Promise<LedgerBegin> {
    const now = Date.now();
    const at = this.sentAt.get(key);
    if (at !== undefined && now - at < this.retentionMs) return { outcome: 'already_sent' };
    const leased = this.leasedUntil.get(key) ?? 0;
    if (leased > now) return { outcome: 'in_flight', retryInMs: leased - now };
    this.leasedUntil.set(key, now + this.leaseMs);
    return { outcome: 'send', lease: String(now + this.leaseMs), renewEveryMs: Math.ceil(this.leaseMs / 3) };
  }

  async renew(key: string, lease: string): Promise<string | undefined> {
    if (String(this.leasedUntil.get(key)) !== lease) return undefined;
    const until = Date.now() + this.leaseMs;
    this.leasedUntil.set(key, until);
    return String(until);
  }

  async markSent(key: string): Promise<void> {
    this.sentAt.set(key, Date.now());
    this.leasedUntil.delete(key);
  }

  async release(key: string): Promise<void> {
    this.leasedUntil.delete(key);
  }
}
