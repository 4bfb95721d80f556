import { textsOf, validateForSubmission, type DescriptionDraft } from '../../domain/collaboration/description.js';
import { formatReference, moveTo } from '../../domain/collaboration/request.js';
import { err, ok, type Result } from '../../domain/result.js';
import { countyDate, countyYear } from '../../domain/time.js';
import type { StoredRequest } from '../ports.js';
import { stepEffect } from '../workflow/effect-key.js';
import type { Actor } from '../ports.js';
import type { IntakeDeps } from './intake-deps.js';
import type { IntakeError } from './intake-errors.js';
import { persistForm, screenForm, type Finalize, type FormWrite } from './persist-form.js';

export interface SubmitInput extends FormWrite {
  /** The worker ticked "these are not names" for the words the card last showed. */
  readonly confirmNames: boolean;
}

/**
 * The likely names one card asks about. A text full of names is asked about a card at a time:
 * the card stays within Teams' size limit, and a confirmation still covers only the words shown.
 */
export const NAME_HINTS_PER_CARD = 12;

export type SubmitRequest = (actor: Actor, input: SubmitInput) => Promise<Result<StoredRequest, IntakeError>>;

/**
 * Sends a description for the sending supervisor's approval. What was typed is always stored,
 * so a refusal (a likely name, a missing field) loses nothing.
 */
export function makeSubmitRequest(deps: IntakeDeps): SubmitRequest {
  const submit = submitUnlocked(deps);
  return async (actor, input) => {
    // Not "changed elsewhere": the holder may be this very send, taken by a process that died before answering.
    return (await deps.locks.withLock(input.requestId, () => submit(actor, input))) ?? err({ code: 'request.busy' });
  };
}

function submitUnlocked(deps: IntakeDeps): SubmitRequest {
  return async (actor, input) => {
    const screened = screenForm(input.form);
    const hints = screened.nameHints;
    const now = deps.clock.now();
    // Runs on the draft as it is about to be stored: either the draft becomes the sent request in
    // the same write, or the draft is stored as typed and the worker is told what is missing.
    const finalize: Finalize = async ({ request, description }) => {
      const unconfirmed = hints.filter((h) => !description.confirmedNameHints.includes(h.token)).slice(0, NAME_HINTS_PER_CARD);
      if (unconfirmed.length > 0) {
        return err({ code: 'request.names_unconfirmed', hints: unconfirmed, version: request.version, requestId: request.id });
      }
      const fieldErrors = validateForSubmission(input.form, { directory: deps.directory.current(), workerId: actor.id, today: countyDate(now) });
      if (fieldErrors.length > 0) return err({ code: 'request.invalid', fieldErrors, version: request.version, requestId: request.id });
      const moved = moveTo(request, 'submitted', now.toISOString());
      if (!moved.ok) return err({ code: 'request.not_editable', request });
      const year = countyYear(now);
      return ok({
        request: {
          ...moved.value,
          reference: request.reference ?? formatReference(year, await deps.references.next(year)),
          submittedAt: now.toISOString(),
          consentFact: { by: actor.id, at: now.toISOString() },
          // A resubmission after a return awaits a fresh decision.
          decision: undefined,
        },
        description,
      });
    };
    const descriptionOf = (previous: DescriptionDraft | undefined): DescriptionDraft => {
      const confirmed = new Set(previous?.confirmedNameHints);
      if (input.confirmNames) for (const token of previous?.pendingNameHints ?? []) confirmed.add(token);
      const pending = new Set(hints.filter((h) => !confirmed.has(h.token)).slice(0, NAME_HINTS_PER_CARD).map((h) => h.token));
      return { ...previous, texts: textsOf(input.form), confirmedNameHints: [...confirmed], pendingNameHints: [...pending] };
    };
    return persistForm(deps, actor, input, screened, descriptionOf, {
      finalize,
      effects: ({ request }) => [stepEffect('submitted', request, { kind: 'approval_requested', requestId: request.id })],
    });
  };
}
