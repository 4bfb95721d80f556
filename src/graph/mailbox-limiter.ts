interface Lane {
  active: number;
  readonly waiting: (() => void)[];
}

/**
 * Outlook serves at most 4 concurrent requests per mailbox and throttles the rest, so calls
 * queue here instead, first come first served. Retries happen inside a held slot, so they
 * count too.
 */
export class MailboxLimiter {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly perMailbox = 4) {}

  async run<T>(mailbox: string, work: () => Promise<T>): Promise<T> {
    const key = mailbox.toLowerCase();
    const lane = this.lanes.get(key) ?? { active: 0, waiting: [] };
    this.lanes.set(key, lane);
    if (lane.active < this.perMailbox) lane.active += 1;
    else await new Promise<void>((resolve) => lane.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = lane.waiting.shift();
      if (next) {
        next();
      } else {
        lane.active -= 1;
        if (lane.active === 0) this.lanes.delete(key);
      }
    }
  }
}
