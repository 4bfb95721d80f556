import type { Effect, QueuedEffect } from '../../src/app/effect.js';
import type { Notification, RequestRepository } from '../../src/app/ports.js';
import type { WorkflowDeps } from '../../src/app/workflow/workflow-deps.js';
import { emptyTexts, type DescriptionDraft } from '../../src/domain/collaboration/description.js';
import { loadQuestionnaire } from '../../src/config/questionnaire-file.js';
import type { Questionnaire } from '../../src/domain/feedback/feedback.js';
import { InMemoryAuditLog } from './in-memory-audit-log.js';
import { InMemoryChannelLinks } from './in-memory-channel-links.js';
import { InMemoryFeedbackStore } from './in-memory-feedback-store.js';
import { InMemoryMessageLedger } from './in-memory-message-ledger.js';
import { InMemoryAbsences } from './in-memory-absences.js';
import { InMemoryReminderPauses } from './in-memory-reminder-pauses.js';
import { InMemoryRequestLocks } from './in-memory-request-locks.js';
import { InMemoryRequestRepository } from './in-memory-request-repository.js';
import { directory } from './people.js';

export const QUESTIONNAIRE: Questionnaire = loadQuestionnaire('infra/feedback-questions.yaml');

export const EMPTY_DESCRIPTION: DescriptionDraft = { texts: emptyTexts(), confirmedNameHints: [], pendingNameHints: [] };

/**
 * Routing dependencies for use-case tests: the given store, a fixed clock, the example directory,
 * the in-memory stores that test/store holds to the Redis stores' contracts, and fakes that
 * record what was notified and queued.
 */
export function fakeRoutingDeps(requests: RequestRepository, at: string, overrides: Partial<WorkflowDeps> = {}) {
  const notified: Notification[] = [];
  const queued: { effect: Effect; key: string; delayMs?: number | undefined }[] = [];
  // What a job queues and what a decision writes to the outbox land here alike, as the relay would queue them.
  const queue = ({ effect, key, dueAt }: QueuedEffect) => queued.push({ effect, key, delayMs: dueAt === undefined ? undefined : Math.max(0, dueAt - Date.parse(at)) });
  if (requests instanceof InMemoryRequestRepository) requests.relay = queue;
  const deps: WorkflowDeps = {
    requests,
    audit: new InMemoryAuditLog(),
    clock: { now: () => new Date(at) },
    directory: { current: () => directory },
    locks: new InMemoryRequestLocks(),
    notifier: {
      notify: async (_stored, notification) => {
        notified.push(notification);
        return { recipients: [], failures: [] };
      },
      refreshCards: async () => ({ recipients: [], failures: [] }),
    },
    channelLinks: new InMemoryChannelLinks(),
    effects: { enqueue: async (entry) => void queue(entry) },
    reminders: {
      workingDays: 2,
      ledger: new InMemoryMessageLedger(),
      pauses: new InMemoryReminderPauses(),
      absences: new InMemoryAbsences(),
    },
    followUp: {
      feedback: new InMemoryFeedbackStore(),
      questionnaire: QUESTIONNAIRE,
      feedbackTime: '15:00',
      retentionDays: 30,
    },
    ...overrides,
  };
  return { deps, notified, queued };
}
