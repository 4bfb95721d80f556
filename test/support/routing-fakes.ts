import type { Effect } from '../../src/app/effect.js';
import type { Notification, RequestRepository } from '../../src/app/ports.js';
import type { WorkflowDeps } from '../../src/app/workflow/workflow-deps.js';
import { emptyTexts, type DescriptionDraft } from '../../src/domain/collaboration/description.js';
import { loadQuestionnaire } from '../../src/config/questionnaire-file.js';
import type { Questionnaire } from '../../src/domain/feedback/feedback.js';
import { directory } from './people.js';

export const QUESTIONNAIRE: Questionnaire = loadQuestionnaire('infra/feedback-questions.yaml');

export const EMPTY_DESCRIPTION: DescriptionDraft = { texts: emptyTexts(), confirmedNameHints: [], pendingNameHints: [] };

/**
 * Routing dependencies for use-case tests: the given store, a fixed clock, the example directory,
 * and fakes that record what was notified and queued and remember sent messages.
 */
export function fakeRoutingDeps(requests: RequestRepository, at: string, overrides: Partial<WorkflowDeps> = {}) {
  const notified: Notification[] = [];
  const queued: { effect: Effect; key: string; delayMs?: number | undefined }[] = [];
  const sent = new Set<string>();
  const deps: WorkflowDeps = {
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
      ledger: { begin: async (key) => (sent.has(key) ? 'already_sent' : 'send'), markSent: async (key) => void sent.add(key) },
      pauses: { pause: async () => undefined, pausedOn: async () => undefined },
    },
    followUp: {
      feedback: {
        save: async () => 'created',
        answerOf: async () => undefined,
        respondents: async () => [],
        answersFor: async () => [],
        forgetComments: async () => undefined,
      },
      questionnaire: QUESTIONNAIRE,
      feedbackTime: '15:00',
      retentionDays: 30,
    },
    ...overrides,
  };
  return { deps, notified, queued };
}
