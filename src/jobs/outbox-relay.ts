import type { QueuedEffect } from '../app/effect.js';

export interface RelayLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

interface Pending {
  readonly entry: QueuedEffect;
  readonly payload: string;
  readonly writtenAt: number;
}

/** The outbox as the relay needs it: the oldest entries first, and removing one once it is queued. */
export interface OutboxEntries {
  oldest(limit: number, setAside?: (key: string) => void): Promise<Pending[]>;
  settle(pending: Pending): Promise<void>;
}

export interface OutboxRelaySettings {
  /** How often the outbox is swept for what the fast path left (a queue outage, a process killed). */
  readonly sweepMs?: number | undefined;
  /** An entry older than this when moved was left behind, and its move is logged as a repair. */
  readonly repairAfterMs?: number | undefined;
}

const BATCH = 100;

/**
 * Moves effects from the outbox into the queue. A write that leaves entries wakes it at once; a
 * sweep when Redis comes up and every few seconds re-drives whatever is left. An entry is removed only after
 * its job exists, and the job id is the effect's key, so moving it twice queues it once.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly sweepMs: number;
  private readonly repairAfterMs: number;

  constructor(
    private readonly outbox: OutboxEntries,
    private readonly queue: { enqueue(entry: QueuedEffect): Promise<void> },
    private readonly log: RelayLog,
    settings: OutboxRelaySettings = {},
  ) {
    this.sweepMs = settings.sweepMs ?? 5000;
    this.repairAfterMs = settings.repairAfterMs ?? 10_000;
  }

  /** Sweeps every few seconds; the first sweep is the caller's `wake` once Redis answers (and again after each reconnect). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.wake(), this.sweepMs);
    this.timer.unref();
  }

  /** Something was written: move it now. Calls while a move runs make it run once more. */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.moveAll().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves once nothing written before the call is left to move (or the queue refused for now). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.moveAll();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.running;
  }

  private async moveAll(): Promise<void> {
    try {
      for (;;) {
        const batch = await this.outbox.oldest(BATCH, (effectKey) => this.log.warn({ effectKey }, 'outbox entry unreadable; set aside under outbox:unreadable'));
        for (const pending of batch) await this.move(pending);
        if (batch.length < BATCH) return;
      }
    } catch (error) {
      // The queue or Redis is away: the entries stay, and the next sweep tries again.
      this.log.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'outbox relay paused; entries stay for the next sweep');
    }
  }

  private async move(pending: Pending): Promise<void> {
    await this.queue.enqueue(pending.entry);
    await this.outbox.settle(pending);
    const ageMs = Date.now() - pending.writtenAt;
    if (ageMs >= this.repairAfterMs) {
      this.log.info({ effectKey: pending.entry.key, effectKind: pending.entry.effect.kind, requestId: pending.entry.effect.requestId, ageMs }, 'outbox relay re-drove an effect left behind');
    }
  }
}
