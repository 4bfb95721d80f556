import type { Delivery, Notification, StoredRequest } from '../ports.js';
import type { RoutingDeps } from './routing-deps.js';

/**
 * Jobs run at least once, so every message they send goes through the ledger: a message already
 * sent is skipped; one begun but not recorded as sent (the worker died, or Teams refused it) is
 * sent again. Undefined means it had gone already.
 */
export async function deliverOnce(deps: Pick<RoutingDeps, 'reminders'>, key: string, send: () => Promise<Delivery>): Promise<Delivery | undefined> {
  const { ledger } = deps.reminders;
  if ((await ledger.begin(key)) === 'already_sent') return undefined;
  const delivery = await send();
  if (delivery.failures.length === 0) await ledger.markSent(key);
  return delivery;
}

/** The same notification to each recipient, each at most once per `key`. */
export async function notifyOnce(
  deps: Pick<RoutingDeps, 'reminders' | 'notifier'>,
  stored: StoredRequest,
  key: string,
  recipients: readonly string[],
  notification: (to: string) => Notification,
): Promise<void> {
  for (const to of recipients) await deliverOnce(deps, `${key}-${to}`, () => deps.notifier.notify(stored, notification(to)));
}
