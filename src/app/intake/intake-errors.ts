import type { FieldError } from '../../domain/collaboration/description.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import type { FieldFinding, NameHint } from '../../domain/privacy/identifier-guard.js';

/** Expected outcomes of the intake use cases; the bot maps each to a localized card. */
export type IntakeError =
  | { readonly code: 'request.not_found' }
  | { readonly code: 'request.not_owner' }
  | { readonly code: 'request.not_editable'; readonly request: CollaborationRequest }
  | { readonly code: 'request.already_submitted'; readonly request: CollaborationRequest }
  | { readonly code: 'request.changed_elsewhere'; readonly currentVersion: number }
  /** Another click holds the request (a double click still running, or a process that died holding it): try again. */
  | { readonly code: 'request.busy' }
  | { readonly code: 'request.identifiers_found'; readonly findings: readonly FieldFinding[] }
  | { readonly code: 'request.invalid'; readonly fieldErrors: readonly FieldError[]; readonly version: number; readonly requestId: string }
  | { readonly code: 'request.names_unconfirmed'; readonly hints: readonly NameHint[]; readonly version: number; readonly requestId: string }
  | { readonly code: 'request.unknown_worker' };
