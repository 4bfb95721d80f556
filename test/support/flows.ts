import { Verb } from '../../cards/verbs.js';
import { SUPERVISOR, WORKER, submission, type BotHarness } from './bot-harness.js';
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
