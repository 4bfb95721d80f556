import { Verb } from '../../cards/verbs.js';
import { SUPERVISOR, WORKER, submission, type BotHarness } from './bot-harness.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER } from './people.js';
import { COMPLETE_FORM_EDITS } from './forms.js';

/** The worker sends a complete request to the given units and the sending supervisor approves it. */
export async function sendAndApprove(harness: BotHarness, collaborationUnitIds: string): Promise<string> {
  const form = await harness.newForm(WORKER);
  const requestId = String(submission(form, Verb.submitRequest).requestId);
  await harness.execute(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, { ...COMPLETE_FORM_EDITS, collaborationUnitIds }));
  const approved = await harness.click(SUPERVISOR, Verb.approve, { requestId });
  if (typeof approved === 'string') throw new Error(`approval refused: ${approved}`);
  return requestId;
}

/** Both receiving units of the usual two-unit request acknowledge it and name their worker. */
export async function acknowledgeAndName(harness: BotHarness, requestId: string, processingDate: string): Promise<void> {
  for (const [lead, unitId, worker] of [
    [PSYCHIATRY_LEAD, 'lastenpsykiatria', PSYCHIATRY_MEMBER],
    [HEALTH_LEAD, 'terveysasemat', HEALTH_MEMBER],
  ] as const) {
    await harness.click(lead, Verb.acknowledge, { requestId, unitId, processingDate });
    await harness.click(lead, Verb.nameWorker, { requestId, unitId, workerId: worker.aadObjectId });
  }
}
