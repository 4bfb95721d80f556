import { ActivityTypes, CardFactory, TurnContext, type Activity, type AdaptiveCardInvokeResponse, type ConversationReference } from 'botbuilder';
import { localeFromTag } from '../domain/locale.js';
import { channelKey, personKey } from './conversation-keys.js';
import type { BotReply, Turn } from './turn.js';

/** Teams marks a team's conversations in the channel data; a channel's id is its root thread's. */
function channelIdOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { channel?: { id?: string }; team?: { id?: string } } | undefined;
  if (activity.conversation?.conversationType !== 'channel' && !channelData?.team) return undefined;
  return channelData?.channel?.id ?? channelData?.team?.id ?? activity.conversation?.id?.split(';')[0];
}

/** A personal chat names itself so; clients that name nothing talk one to one as well. */
function isPersonal(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/** The turn in our own terms; the person is their Entra object id where Teams asserts one. */
export function turnOf(activity: Activity): Turn {
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
export function conversationKeyOf(activity: Partial<Activity>): string | undefined {
  const channelId = channelIdOf(activity);
  if (channelId) return channelKey(channelId);
  const person = activity.from?.aadObjectId;
  return isPersonal(activity) && person ? personKey(person) : undefined;
}

/** A channel's reference points at the channel itself, not at the thread this turn came from. */
export function referenceOf(activity: Activity): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  const channelId = channelIdOf(activity);
  return channelId && reference.conversation ? { ...reference, conversation: { ...reference.conversation, id: channelId } } : reference;
}

/** Clients without Universal Actions send Action.Submit: a message whose value carries the verb. */
export function submittedActionOf(activity: Activity): { verb: string; data: Record<string, unknown> } | undefined {
  const value: unknown = activity.value;
  if (typeof value !== 'object' || value === null || typeof (value as { verb?: unknown }).verb !== 'string') return undefined;
  const { verb, ...data } = value as { verb: string } & Record<string, unknown>;
  return { verb, data };
}

/** What the person wrote, without the @mention of the bot a channel message starts with. */
export function textOf(activity: Activity): string {
  return TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
}

/** A members-added event about the bot itself: it was just installed in this conversation. */
export function botJoined(activity: Activity): boolean {
  return (activity.membersAdded ?? []).some((member) => member.id === activity.recipient.id);
}

/** A card click's verb for the turn's log line, cut short: verbs name buttons, they carry nothing typed. */
export function invokedVerbOf(activity: Activity): string | undefined {
  if (activity.type !== ActivityTypes.Invoke) return undefined;
  return String((activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb).slice(0, 40);
}

/** Universal Actions: a card answer replaces the clicked card in place; a message goes to the clicker alone. */
export function invokeAnswerOf(reply: BotReply): AdaptiveCardInvokeResponse {
  return 'message' in reply
    ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.message as never }
    : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card as never };
}

/** A reply posted into the conversation. */
export function messageOf(reply: BotReply): Partial<Activity> {
  if ('card' in reply) return { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(reply.card)] };
  return reply.markdown ? { type: ActivityTypes.Message, textFormat: 'markdown', text: reply.message } : { type: ActivityTypes.Message, text: reply.message };
}
