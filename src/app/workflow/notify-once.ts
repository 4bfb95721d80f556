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

/** The same notification to each recipient, each at most once per `key`. */
export async function notifyOnce(
  deps: Pick<WorkflowDeps, 'reminders' | 'notifier'>,
  stored: StoredRequest,
  key: string,
  recipients: readonly string[],
  notification: (to: string) => Notification,
): Promise<void> {
  for (const to of recipients) await deliverOnce(deps, `${key}-${to}`, () => deps.notifier.notify(stored, notification(to)));
}
