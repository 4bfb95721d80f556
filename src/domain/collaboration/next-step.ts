import type { CollaborationRequest } from './request.js';

/**
 * What a request waits for next and who has it: units (their leads act) or one person. A
 * finished request waits for nobody; an approved one only for the bot to route it.
 */
export type NextStep =
  | { readonly step: 'approve' | 'acknowledge' | 'name_worker'; readonly unitIds: readonly string[] }
  | { readonly step: 'fix' | 'agree_meeting' | 'choose_time' | 'hold_meeting' | 'close' | 'follow_up'; readonly personId: string }
  | { readonly step: 'route' | 'none' };

export function nextStepOf(request: CollaborationRequest): NextStep {
  switch (request.status) {
    case 'draft':
    case 'returned':
      return { step: 'fix', personId: request.ownerId };
    case 'submitted':
      return { step: 'approve', unitIds: request.sendingUnitId ? [request.sendingUnitId] : [] };
    case 'approved':
      return { step: 'route' };
    case 'routed': {
      const unacknowledged = request.units.filter((u) => u.status === 'awaiting_acknowledgement').map((u) => u.unitId);
      if (unacknowledged.length > 0) return { step: 'acknowledge', unitIds: unacknowledged };
      const unnamed = request.units.filter((u) => u.status === 'acknowledged').map((u) => u.unitId);
      if (unnamed.length > 0) return { step: 'name_worker', unitIds: unnamed };
      return { step: 'agree_meeting', personId: request.ownerId };
    }
    case 'meeting_proposed':
      return { step: 'choose_time', personId: request.ownerId };
    case 'booked':
      return { step: 'hold_meeting', personId: request.ownerId };
    case 'held':
      return { step: 'close', personId: request.ownerId };
    case 'follow_up':
      return { step: 'follow_up', personId: request.responsibleWorkerId ?? request.ownerId };
    case 'closed':
    case 'withdrawn':
      return { step: 'none' };
  }
}
