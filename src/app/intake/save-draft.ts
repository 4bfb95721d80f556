import type { Result } from '../../domain/result.js';
import type { StoredRequest } from '../ports.js';
import type { Actor } from '../ports.js';
import type { IntakeDeps } from './intake-deps.js';
import type { IntakeError } from './intake-errors.js';
import { persistForm, screenForm, type FormWrite } from './persist-form.js';
import { textsOf } from '../../domain/collaboration/description.js';

export type SaveDraft = (actor: Actor, write: FormWrite) => Promise<Result<StoredRequest, IntakeError>>;

export function makeSaveDraft(deps: IntakeDeps): SaveDraft {
  return (actor, write) =>
    persistForm(deps, actor, write, screenForm(write.form), (previous) => ({
      texts: textsOf(write.form),
      confirmedNameHints: previous?.confirmedNameHints ?? [],
      pendingNameHints: previous?.pendingNameHints ?? [],
    }));
}
