/**
 * Activities in the Bot Framework's JSON shape, as far as the bot reads and writes them: both SDKs'
 * activity types fit these, so the bot's own code names neither.
 */

export interface TeamsAccount {
  readonly id: string;
  readonly name?: string | undefined;
  readonly aadObjectId?: string | undefined;
}

export interface TeamsActivity {
  readonly type: string;
  readonly id?: string | undefined;
  readonly name?: string | undefined;
  readonly locale?: string | undefined;
  readonly text?: string | undefined;
  readonly replyToId?: string | undefined;
  readonly serviceUrl?: string | undefined;
  readonly channelId?: string | undefined;
  readonly conversation: { readonly id: string; readonly conversationType?: string | undefined; readonly tenantId?: string | undefined };
  readonly from: TeamsAccount;
  readonly recipient?: TeamsAccount | undefined;
  readonly membersAdded?: readonly TeamsAccount[] | undefined;
  readonly value?: unknown;
  readonly channelData?: unknown;
}

export const ActivityType = {
  message: 'message',
  invoke: 'invoke',
  invokeResponse: 'invokeResponse',
} as const;

export interface CardAttachment {
  readonly contentType: 'application/vnd.microsoft.card.adaptive';
  readonly content: unknown;
}

/** What the bot posts or updates: a message with a card, or with text. */
export interface OutgoingActivity {
  readonly type: string;
  readonly text?: string;
  readonly textFormat?: 'markdown';
  readonly attachments?: readonly CardAttachment[];
  readonly value?: unknown;
}

export const adaptiveCardAttachment = (card: unknown): CardAttachment => ({ contentType: 'application/vnd.microsoft.card.adaptive', content: card });

/** The answer to an Action.Execute, as Universal Actions define it. */
export interface InvokeAnswer {
  readonly statusCode: number;
  readonly type: string;
  readonly value: unknown;
}
