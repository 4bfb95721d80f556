import { localeFromTag } from '../domain/locale.js';
import { channelKey, personKey } from './conversation-keys.js';
import type { StoredReference } from './sdk/bot-sdk.js';
import { ActivityType, adaptiveCardAttachment, type InvokeAnswer, type OutgoingActivity, type TeamsActivity } from './teams-activity.js';
import type { BotReply, Turn } from './turn.js';

/** Teams marks a team's conversations in the channel data; a channel's id is its root thread's. */
function channelIdOf(activity: Partial<TeamsActivity>): string | undefined {
  const channelData = activity.channelData as { channel?: { id?: string }; team?: { id?: string } } | undefined;
  if (activity.conversation?.conversationType !== 'channel' && !channelData?.team) return undefined;
  return channelData?.channel?.id ?? channelData?.team?.id ?? activity.conversation?.id?.split(';')[0];
}

/** A personal chat names itself so; clients that name nothing talk one to one as well. */
function isPersonal(activity: Partial<TeamsActivity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/** The turn in our own terms; the person is their Entra object id where Teams asserts one. */
export function turnOf(activity: TeamsActivity): Turn {
  const { from, locale } = activity;
  return {
    userId: from.aadObjectId ?? from.id,
    userName: from.name ?? '',
    locale: localeFromTag(locale),
    personal: isPersonal(activity),
    channelId: channelIdOf(activity),
  };
}

/** Where the bot reaches this turn's conversation later: a person's own chat, or a channel. */
export function conversationKeyOf(activity: Partial<TeamsActivity>): string | undefined {
  const channelId = channelIdOf(activity);
  if (channelId) return channelKey(channelId);
  const person = activity.from?.aadObjectId;
  return isPersonal(activity) && person ? personKey(person) : undefined;
}

/** A channel's reference points at the channel itself, not at the thread this turn came from. */
export function channelReference(activity: TeamsActivity, reference: StoredReference): StoredReference {
  const channelId = channelIdOf(activity);
  return channelId && reference.conversation ? { ...reference, conversation: { ...reference.conversation, id: channelId } } : reference;
}

/** Clients without Universal Actions send Action.Submit: a message whose value carries the verb. */
export function submittedActionOf(activity: TeamsActivity): { verb: string; data: Record<string, unknown> } | undefined {
  const value: unknown = activity.value;
  if (typeof value !== 'object' || value === null || typeof (value as { verb?: unknown }).verb !== 'string') return undefined;
  const { verb, ...data } = value as { verb: string } & Record<string, unknown>;
  return { verb, data };
}

/** A members-added event about the bot itself: it was just installed in this conversation. */
export function botJoined(activity: TeamsActivity): boolean {
  return (activity.membersAdded ?? []).some((member) => member.id === activity.recipient?.id);
}

/** A card click's verb for the turn's log line, cut short: verbs name buttons, they carry nothing typed. */
export function invokedVerbOf(activity: TeamsActivity): string | undefined {
  if (activity.type !== ActivityType.invoke) return undefined;
  return String((activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb).slice(0, 40);
}

/** Universal Actions: a card answer replaces the clicked card in place; a message goes to the clicker alone. */
export function invokeAnswerOf(reply: BotReply): InvokeAnswer {
  return 'message' in reply
    ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.message }
    : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card };
}

/** A reply posted into the conversation. */
export function messageOf(reply: BotReply): OutgoingActivity {
  if ('card' in reply) return { type: ActivityType.message, attachments: [adaptiveCardAttachment(reply.card)] };
  return reply.markdown ? { type: ActivityType.message, textFormat: 'markdown', text: reply.message } : { type: ActivityType.message, text: reply.message };
}

/** The answer to an invoke, sent within its turn: both SDKs return it as the HTTP response. */
export function invokeResponseOf(status: number, body?: unknown): OutgoingActivity {
  return { type: ActivityType.invokeResponse, value: { status, body } };
}
