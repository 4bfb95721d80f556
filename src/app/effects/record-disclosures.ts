import type { Delivery, StoredRequest } from '../ports.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

export const DISCLOSURE_PURPOSE = 'yhteistyo-tiimi:multi-professional-work';

/**
 * Every delivery of a description is a disclosure: one audit entry per recipient with the six
 * points multi-agency record keeping expects (what, from whom, to whom, when, at whose request,
 * on which basis and for which purpose).
 */
export async function recordDisclosures(
  deps: Pick<WorkflowDeps, 'audit' | 'clock'>,
  stored: StoredRequest,
  delivery: Delivery,
  requestedBy: string,
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
      fromUnit: request.sendingUnitId,
      recipient,
      requestedBy,
      basis,
      purpose: DISCLOSURE_PURPOSE,
    });
  }
}
