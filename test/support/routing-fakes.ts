import type { Effect } from '../../src/app/effect.js';
import type { Notification, RequestRepository } from '../../src/app/ports.js';
import type { RoutingDeps } from '../../src/app/routing/routing-deps.js';
import { emptyTexts, type DescriptionDraft } from '../../src/domain/collaboration/description.js';
import { directory } from './people.js';

export const EMPTY_DESCRIPTION: DescriptionDraft = { texts: emptyTexts(), confirmedNameHints: [], pendingNameHints: [] };

/**
 * Routing dependencies for use-case tests: the given store, a fixed clock, the example directory,
 * and fakes that record what was notified and queued and remember claimed messages.
 */
export function fakeRoutingDeps(requests: RequestRepository, at: string, overrides: Partial<RoutingDeps> = {}) {
  const notified: Notification[] = [];
  const queued: { effect: Effect; key: string; delayMs?: number | undefined }[] = [];
  const claimed = new Set<string>();
  const deps: RoutingDeps = {
    requests,
    audit: { record: async () => undefined },
    clock: { now: () => new Date(at) },
    directory: { current: () => directory },
    locks: { withLock: (_id, work) => work() },
    notifier: {
      notify: async (_stored, notification) => {
        notified.push(notification);
        return { recipients: [], failures: [] };
      },
      refreshCards: async () => undefined,
    },
    channelLinks: { link: async () => undefined, unlink: async () => undefined, channelOf: async () => undefined, unitsLinkedTo: async () => [] },
    effects: { enqueue: async (effect, key, delayMs) => void queued.push({ effect, key, delayMs }) },
    reminders: {
      workingDays: 2,
      ledger: { claim: async (key) => !claimed.has(key) && Boolean(claimed.add(key)) },
      pauses: { pause: async () => undefined, pausedOn: async () => undefined },
    },
    ...overrides,
  };
  return { deps, notified, queued };
}
