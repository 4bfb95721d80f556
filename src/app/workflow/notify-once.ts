import type { Delivery, LedgerBegin, MessageLedger, Notification, StoredRequest } from '../ports.js';
import type { WorkflowDeps } from './workflow-deps.js';

/**
 * Jobs run at least once, so every message they send goes through the ledger: a message already
 * sent is skipped; one begun but not recorded as sent (the worker died, or Teams refused it) is
 * sent again, once the dead attempt's lease has lapsed; one another run of the job is sending at
 * this moment throws {@link DeliveryInFlight}. `record` (a disclosure entry) runs before the
 * message counts as sent, so a worker dying in between records it twice rather than never.
 * Undefined means it had gone already.
 */
export async function deliverOnce(
  deps: Pick<WorkflowDeps, 'reminders'>,
  key: string,
  send: () => Promise<Delivery>,
  record?: (delivery: Delivery) => Promise<void>,
): Promise<Delivery | undefined> {
  const { ledger } = deps.reminders;
  const begun = await ledger.begin(key);
  if (begun.outcome === 'already_sent') return undefined;
  if (begun.outcome === 'in_flight') throw new DeliveryInFlight(key, begun.retryInMs);
  const held = holdLease(ledger, key, begun);
  try {
    let delivery: Delivery;
    try {
      delivery = await send();
    } catch (error) {
      // Released on a best-effort basis: with Redis gone too, the lease lapses by itself.
      await ledger.release(key).catch(() => undefined);
      throw error;
    }
    await record?.(delivery);
    if (delivery.failures.length === 0) await ledger.markSent(key);
    else await ledger.release(key);
    return delivery;
  } finally {
    held.stop();
  }
}

/**
 * Renews the attempt's lease while it lasts. A fixed lease would lapse under a live attempt that
 * is merely slow (Teams answering after retries, a worker starved of CPU whose job lock lapsed and
 * was taken up again beside it), and the second run would send the message a second time. A dead
 * worker renews nothing, so its lease still lapses and the message goes again.
 */
function holdLease(ledger: MessageLedger, key: string, begun: Extract<LedgerBegin, { outcome: 'send' }>): { stop(): void } {
  let lease: string | undefined = begun.lease;
  const timer = setInterval(() => {
    if (lease === undefined) return;
    ledger.renew(key, lease).then(
      (next) => {
        // Undefined: the lease had lapsed and another run holds the message; this one keeps none.
        if (lease !== undefined) lease = next;
      },
      // Redis away for a moment: the next tick tries again, and a lease that lapses meanwhile is the fixed lease's case.
      () => undefined,
    );
  }, begun.renewEveryMs);
  timer.unref();
  return {
    stop: () => {
      lease = undefined;
      clearInterval(timer);
    },
  };
}

/**
 * Another run of the same job is sending this message right now (its lock lapsed on a loaded
 * worker and the job was taken up again beside it). Not a failure: the job looks again once the
 * other run's lease ends, by which time the message has gone or its run has died.
 */
export class DeliveryInFlight extends Error {
  override readonly name = 'DeliveryInFlight';

  constructor(
    readonly key: string,
    readonly retryInMs: number,
  ) {
    super(`message ${key} is being sent by another run`);
  }
}

/**
 * Teams refused a message for now (throttling or an outage outlasting the sender's own retries).
 * Thrown once every recipient has been tried, so the job runs again later and sends only what had
 * not gone; a refusal for good (no conversation, not allowed) is the caller's to tell someone of.
 */
export class DeliveryRefusedForNow extends Error {
  override readonly name = 'DeliveryRefusedForNow';

  constructor(readonly recipients: readonly string[]) {
    super(`Teams refused ${recipients.length} message(s) for now`);
  }
}

/** Whom Teams refused for now in a delivery (none for one that went already). */
export const refusedForNow = (delivery: Delivery | undefined): string[] => delivery?.failures.filter((f) => f.failure === 'failed').map((f) => f.recipient) ?? [];

/** Throws {@link DeliveryRefusedForNow} when any of these deliveries was refused for now. */
export function retryIfRefusedForNow(deliveries: readonly (Delivery | undefined)[]): void {
  const refused = deliveries.flatMap(refusedForNow);
  if (refused.length > 0) throw new DeliveryRefusedForNow(refused);
}

/** The same notification to each recipient, each at most once per `key`; see {@link retryIfRefusedForNow}. */
export async function notifyOnce(
  deps: Pick<WorkflowDeps, 'reminders' | 'notifier'>,
  stored: StoredRequest,
  key: string,
  recipients: readonly string[],
  notification: (to: string) => Notification,
): Promise<void> {
  const deliveries: (Delivery | undefined)[] = [];
  for (const to of recipients) deliveries.push(await deliverOnce(deps, `${key}-${to}`, () => deps.notifier.notify(stored, notification(to))));
  retryIfRefusedForNow(deliveries);
}
