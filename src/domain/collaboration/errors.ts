/**
 * Expected failures of the collaboration workflow. Each code doubles as the key of its
 * localized message in the catalogs (`errors.<code>`), so the edge maps them without a table.
 */
export type RequestErrorCode =
  | 'request.not_found'
  | 'request.not_owner'
  | 'request.not_editable'
  | 'request.already_submitted'
  | 'request.already_decided'
  | 'request.changed_elsewhere'
  | 'request.illegal_transition'
  | 'request.invalid'
  | 'request.identifiers_found'
  | 'request.names_unconfirmed'
  | 'request.unknown_worker';

export interface RequestError {
  readonly code: RequestErrorCode;
}

export const requestError = <C extends RequestErrorCode>(code: C): { readonly code: C } => ({ code });
