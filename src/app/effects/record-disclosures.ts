import type { ChannelRoster, Delivery, StoredRequest } from '../ports.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export const DISCLOSURE_PURPOSE = 'yhteistyo-tiimi:multi-professional-work';
export const MEMBERS_UNAVAILABLE = 'members-unavailable';

/** A channel's readers as the disclosure names them: a channel is not a person, its members are. */
function membersOf(rosters: readonly ChannelRoster[] | undefined, recipient: string): string | undefined {
  const roster = rosters?.find((r) => r.recipient === recipient);
  if (!roster) return undefined;
  return roster.members === 'unavailable' ? MEMBERS_UNAVAILABLE : roster.members.join(',');
}

/**
 * Every delivery of a description is a disclosure: one audit entry per recipient with the six
 * points multi-agency record keeping expects (what, from whom, to whom, when, at whose request,
 * on which basis and for which purpose), the receiving unit, and for a channel who was in it.
 */
export async function recordDisclosures(
  deps: Pick<WorkflowDeps, 'audit' | 'clock'>,
  stored: StoredRequest,
  delivery: Delivery,
  requestedBy: string,
  unitId?: string,
): Promise<void> {
  const { request } = stored;
  const at = deps.clock.now().toISOString();
  const basis = request.consentFact ? `oral-consent:${request.consentFact.by}@${request.consentFact.at}` : 'none-recorded';
  for (const recipient of delivery.recipients) {
    await deps.audit.record({
      at,
      actorId: requestedBy,
      action: 'request.disclosed',
      requestId: request.id,
      reference: request.reference,
      unitId,
      fromUnit: request.sendingUnitId,
      recipient,
      channelMembers: membersOf(delivery.channelMembers, recipient),
      requestedBy,
      basis,
      purpose: DISCLOSURE_PURPOSE,
    });
  }
}
