import { inspectFields, type GuardReport } from '../../domain/privacy/identifier-guard.js';
import { mayActAsSender } from '../../domain/privacy/access-policy.js';
import {
  CONTACT_FIELDS,
  lengthErrors,
  textsOf,
  type DescriptionDraft,
  type RequestForm,
} from '../../domain/collaboration/description.js';
import { isEditable, type CollaborationRequest } from '../../domain/collaboration/request.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { QueuedEffect } from '../effect.js';
import type { AuditEntry, StoredRequest } from '../ports.js';
import type { Actor } from '../ports.js';
import type { IntakeDeps } from './intake-deps.js';
import type { IntakeError } from './intake-errors.js';
import { formOf, sameForm } from './request-form.js';

export interface FormWrite {
  readonly requestId: string;
  /** The version the card was rendered from; 0 for a form that was never saved. */
  readonly expectedVersion: number;
  readonly form: RequestForm;
}

/** What the privacy guard finds in a form; computed once per action and shared by its steps. */
export function screenForm(form: RequestForm): GuardReport {
  return inspectFields(textsOf(form), { contactFields: CONTACT_FIELDS });
}

function withForm(request: CollaborationRequest, form: RequestForm, at: string): CollaborationRequest {
  return {
    ...request,
    sendingUnitId: form.sendingUnitId || undefined,
    collaborationUnitIds: [...form.collaborationUnitIds],
    descriptionDate: form.descriptionDate || undefined,
    consentRecorded: form.consentRecorded,
    needConfirmedInTeam: form.needConfirmedInTeam,
    updatedAt: at,
  };
}

/** A last step before the write: it may turn the draft into what is stored, or refuse and keep the draft. */
export type Finalize = (draft: StoredRequest) => Promise<Result<StoredRequest, IntakeError>>;

/** Sending: the finalized request is written with its audit entry and what it sets in motion, in one write. */
export interface Sending {
  readonly finalize: Finalize;
  readonly effects: (sent: StoredRequest) => readonly QueuedEffect[];
}

/**
 * Stores what the worker typed. With `finalize` (sending), the finalized request is written
 * instead, in the same single write; if finalizing refuses, the draft is written, so nothing
 * typed is lost to a validation error. A repeated write of the same content (a double click)
 * succeeds; different content over a newer version is refused, not merged.
 */
export async function persistForm(
  deps: IntakeDeps,
  actor: Actor,
  write: FormWrite,
  screened: GuardReport,
  description: (previous: DescriptionDraft | undefined) => DescriptionDraft,
  sending?: Sending,
): Promise<Result<StoredRequest, IntakeError>> {
  // Client identifiers never reach the store, not even encrypted in a draft.
  if (screened.blocking.length > 0) return err({ code: 'request.identifiers_found', findings: screened.blocking });
  const tooLong = lengthErrors(write.form);
  if (tooLong.length > 0) {
    return err({ code: 'request.invalid', fieldErrors: tooLong, version: write.expectedVersion, requestId: write.requestId });
  }
  const now = deps.clock.now().toISOString();
  const existing = await deps.requests.get(write.requestId);
  const retry = () => persistForm(deps, actor, write, screened, description, sending);
  const finalize = sending?.finalize;
  // A sent request's entry says it was sent; a draft's, that it was created or changed.
  const written = (stored: StoredRequest, draftEntry: AuditEntry): [AuditEntry, readonly QueuedEffect[]] =>
    stored.request.status === 'submitted' && sending
      ? [{ at: now, actorId: actor.id, action: 'request.submitted', requestId: stored.request.id, reference: stored.request.reference, status: 'submitted' }, sending.effects(stored)]
      : [draftEntry, []];

  if (!existing) {
    if (write.expectedVersion !== 0) return err({ code: 'request.not_found' });
    const draft: StoredRequest = {
      request: withForm(
        {
          id: write.requestId,
          version: 1,
          status: 'draft',
          ownerId: actor.id,
          collaborationUnitIds: [],
          consentRecorded: false,
          needConfirmedInTeam: false,
          createdAt: now,
          updatedAt: now,
          units: [],
        },
        write.form,
        now,
      ),
      description: description(undefined),
    };
    const finalized = finalize ? await finalize(draft) : ok(draft);
    const stored = finalized.ok ? finalized.value : draft;
    const [entry, effects] = written(stored, { at: now, actorId: actor.id, action: 'request.created', requestId: write.requestId, status: 'draft' });
    if ((await deps.requests.create(stored, entry, effects)) === 'conflict') return retry();
    return finalized.ok ? ok(stored) : finalized;
  }

  const { request } = existing;
  if (!mayActAsSender(request, actor.id)) {
    await deps.audit.record({ at: now, actorId: actor.id, action: 'request.access_denied', requestId: request.id });
    return err({ code: 'request.not_owner' });
  }
  if (!isEditable(request)) {
    return err(request.status === 'submitted' ? { code: 'request.already_submitted', request } : { code: 'request.not_editable', request });
  }
  if (request.version !== write.expectedVersion && !sameForm(formOf(existing), write.form)) {
    return err({ code: 'request.changed_elsewhere', currentVersion: request.version });
  }
  const draft: StoredRequest = {
    request: { ...withForm(request, write.form, now), version: request.version + 1 },
    description: description(existing.description),
  };
  const finalized = finalize ? await finalize(draft) : ok(draft);
  const stored = finalized.ok ? finalized.value : draft;
  // The change, its audit entry and (sending) its effects are one write, as a decision's are.
  const [entry, effects] = written(stored, { at: now, actorId: actor.id, action: 'request.updated', requestId: request.id, status: request.status });
  const outcome = await deps.requests.update(stored, request.version, entry, effects);
  if (outcome === 'not_found') return err({ code: 'request.not_found' });
  // Someone wrote between our read and write: read again and answer as if we had seen it.
  if (outcome === 'conflict') return retry();
  return finalized.ok ? ok(stored) : finalized;
}
