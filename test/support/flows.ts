import { Verb } from '../../cards/verbs.js';
import { SUPERVISOR, TENANT, WORKER, submission, type BotHarness, type Card, type TestUser } from './bot-harness.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER } from './people.js';
import { COMPLETE_FORM_EDITS } from './forms.js';

/** Lastenpsykiatria's channel in the Perhe team. */
export const PSYCHIATRY_CHANNEL = '19:lastenpsykiatria@thread.tacv2';

/** The fields of an activity written or clicked in a team channel rather than a personal chat. */
export function inChannel(channelId: string): Record<string, unknown> {
  return {
    conversation: { id: `${channelId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: '19:perhe-team@thread.tacv2' }, channel: { id: channelId } },
  };
}

/** `user` writes "@Yhteistyöbotti yhdistä yksikkö" in the channel. */
export async function linkChannel(harness: BotHarness, user: TestUser, channelId = PSYCHIATRY_CHANNEL): Promise<void> {
  const mention = { type: 'mention', text: '<at>Yhteistyöbotti</at>', mentioned: { id: '28:yhteistyobotti', name: 'Yhteistyöbotti' } };
  await harness.post(harness.activity(user, { type: 'message', text: '<at>Yhteistyöbotti</at> yhdistä yksikkö', entities: [mention], ...inChannel(channelId) }));
}

/**
 * The worker sends a complete request for approval from a new form card. With `formCardId` the
 * click names the card it came from, so the in-place updates of the worker's card can be found.
 */
export async function submitComplete(harness: BotHarness, edits: Record<string, string> = {}, formCardId?: string): Promise<string> {
  const form = await harness.newForm(WORKER);
  const requestId = String(submission(form, Verb.submitRequest).requestId);
  await harness.click(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, { ...COMPLETE_FORM_EDITS, ...edits }), formCardId === undefined ? {} : { replyToId: formCardId });
  return requestId;
}

/** The worker sends a complete request to the given units and the sending supervisor approves it. */
export async function sendAndApprove(harness: BotHarness, collaborationUnitIds: string): Promise<string> {
  const requestId = await submitComplete(harness, { collaborationUnitIds });
  const approved = await harness.click(SUPERVISOR, Verb.approve, { requestId });
  if (typeof approved === 'string') throw new Error(`approval refused: ${approved}`);
  return requestId;
}

const RECEIVING = [
  [PSYCHIATRY_LEAD, 'lastenpsykiatria', PSYCHIATRY_MEMBER],
  [HEALTH_LEAD, 'terveysasemat', HEALTH_MEMBER],
] as const;

/** Both receiving units of the usual two-unit request acknowledge it, in personal chats. */
export async function acknowledgeBoth(harness: BotHarness, requestId: string, processingDate: string): Promise<void> {
  for (const [lead, unitId] of RECEIVING) await harness.click(lead, Verb.acknowledge, { requestId, unitId, processingDate });
}

/** Both receiving units of the usual two-unit request acknowledge it and name their worker. */
export async function acknowledgeAndName(harness: BotHarness, requestId: string, processingDate: string): Promise<void> {
  for (const [lead, unitId, worker] of RECEIVING) {
    await harness.click(lead, Verb.acknowledge, { requestId, unitId, processingDate });
    await harness.click(lead, Verb.nameWorker, { requestId, unitId, workerId: worker.aadObjectId });
  }
}

/**
 * Clicks the button of a step that cannot be undone and confirms it on the card that asks:
 * answers the confirmation's answer, or the first answer when it did not ask (a refusal).
 */
export async function clickConfirmed(harness: BotHarness, user: TestUser, verb: string, data: Record<string, unknown>): Promise<Card | string> {
  const asked = await harness.click(user, verb, data);
  const confirmation = typeof asked === 'string' ? undefined : confirmationOn(asked, verb);
  return confirmation ? harness.click(user, verb, confirmation) : asked;
}

/** The data of the card's Vahvista button for `verb`, if the card asks to confirm it. */
export function confirmationOn(node: unknown, verb: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) return node.map((n) => confirmationOn(n, verb)).find(Boolean);
  if (!node || typeof node !== 'object') return undefined;
  const element = node as { type?: unknown; verb?: unknown; data?: Record<string, unknown> };
  if (element.type === 'Action.Execute' && element.verb === verb && element.data?.confirmed === true) return element.data;
  return Object.values(node).map((n) => confirmationOn(n, verb)).find(Boolean);
}

/** What the chair states on the meeting-day card for a handled case: nothing on it is chosen in advance. */
export function handledFacts(attendees: readonly TestUser[], responsible: TestUser, clientPresence: 'in_person' | 'remote' = 'in_person'): Record<string, string> {
  return { consent: 'given', attendeeIds: attendees.map((u) => u.aadObjectId).join(','), clientPresence, responsibleWorkerId: responsible.aadObjectId };
}
