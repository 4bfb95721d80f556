import { meetingHasBegun } from '../../domain/collaboration/follow-up.js';
import { mayChairMeeting } from '../../domain/privacy/access-policy.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { Actor, StoredRequest } from '../ports.js';
import { recordDenied } from '../workflow/apply-decision.js';
import type { WorkflowDeps, WorkflowError } from '../workflow/workflow-deps.js';

/** The chair opens the meeting's record: only their own meeting, once it has begun. */
export function makeOpenMeetingRecord(deps: WorkflowDeps) {
  return async (actor: Actor, requestId: string): Promise<Result<StoredRequest, WorkflowError>> => {
    const stored = await deps.requests.get(requestId);
    if (!stored) return err({ code: 'request.not_found' });
    if (!mayChairMeeting(stored.request, actor.id)) {
      await recordDenied(deps, actor, requestId);
      return err({ code: 'request.not_permitted' });
    }
    if (stored.request.status !== 'booked') return err({ code: 'request.illegal_transition' });
    if (!meetingHasBegun(stored.request, deps.clock.now())) return err({ code: 'meeting.not_started' });
    return ok(stored);
  };
}
