import type { CollaborationRequest } from '../../domain/collaboration/request.js';

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

/**
 * Whether the reader of a card still has the part it shows. A named worker replaced by their
 * unit's lead, or a chair who handed the case over, has not: their cards must stop showing the
 * case the next time they are drawn. Leads' views follow the directory and stay.
 */
export function viewStillHeld(request: CollaborationRequest, view: CaseView): boolean {
  if (view.kind !== 'named' && view.kind !== 'status') return true;
  const { viewerId } = view;
  return request.units.some((u) => u.namedWorkerId === viewerId) || request.responsibleWorkerId === viewerId || request.ownerId === viewerId;
}
