import type { Delivery, Notification, StoredRequest } from '../ports.js';
import type { WorkflowDeps } from './workflow-deps.js';

/**
 * Jobs run at least once, so every message they send goes through the ledger: a message already
 * sent is skipped; one begun but not recorded as sent (the worker died, or Teams refused it) is
 * sent again. `record` (a disclosure entry) runs before the message counts as sent, so a worker
 * dying in between records it twice rather than never. Undefined means it had gone already.
 */
export async function deliverOnce(
  deps: Pick<WorkflowDeps, 'reminders'>,
  key: string,
  send: () => Promise<Delivery>,
  record?: (delivery: Delivery) => Promise<void>,
): Promise<Delivery | undefined> {
  const { ledger } = deps.reminders;
  if ((await ledger.begin(key)) === 'already_sent') return undefined;
  const delivery = await send();
  await record?.(delivery);
  if (delivery.failures.length === 0) await ledger.markSent(key);
  return delivery;
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
