/**
 * Who a case card is for decides what it shows: the sending supervisor sees the description
 * and approve/return; a receiving unit sees the description and its own next step; the sending
 * worker sees progress; a named worker sees the description and the sender's contact.
 */
export type CaseView =
  | { readonly kind: 'approval'; readonly viewerId: string }
  | { readonly kind: 'receiving'; readonly unitId: string; readonly viewerId?: string | undefined; readonly mention?: boolean | undefined }
  | { readonly kind: 'status'; readonly viewerId: string }
  | { readonly kind: 'named'; readonly viewerId: string; readonly unitId: string };
