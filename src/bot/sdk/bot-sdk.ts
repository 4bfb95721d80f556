import type { InvokeAnswer, OutgoingActivity, TeamsActivity } from '../teams-activity.js';

/** Which Bot Framework SDK carries the bot's activities: botbuilder (the design's) or the Microsoft 365 Agents SDK (its supported successor). */
export type BotSdkName = 'botbuilder' | 'agents';

/** A turn as the bot's own code sees it, whichever SDK runs it. */
export interface InboundTurn {
  readonly activity: TeamsActivity;
  /**
   * What the person wrote, without the @mention of the bot a channel message starts with. Read
   * only for a message: the SDKs' mention removal fails on an activity without text.
   */
  text(): string;
  /** Where this conversation is reached later, as the Bot Framework writes a conversation reference. */
  reference(): StoredReference;
  send(activity: OutgoingActivity): Promise<void>;
  update(activity: OutgoingActivity & { readonly id: string }): Promise<void>;
}

/** A conversation reference in the Bot Framework's own JSON shape, the same under both SDKs: a stored one survives a switch. */
export interface StoredReference {
  readonly channelId?: string | undefined;
  readonly serviceUrl?: string | undefined;
  readonly conversation?: { readonly id: string } & Record<string, unknown>;
  readonly bot?: { readonly id: string } & Record<string, unknown>;
  readonly user?: { readonly id: string } & Record<string, unknown>;
  readonly activityId?: string | undefined;
  readonly locale?: string | undefined;
}

/** One page of a conversation's members, as the Bot Connector lists them. */
export interface MembersPage {
  readonly members: readonly { readonly id: string; readonly aadObjectId?: string | undefined }[];
  readonly continuationToken?: string | undefined;
}

/** A conversation reached again, outside any turn of the person's. */
export interface ProactiveTurn {
  /** Posts into the conversation; resolves to the new activity's id. */
  send(activity: OutgoingActivity): Promise<string>;
  update(activity: OutgoingActivity & { readonly id: string }): Promise<void>;
  pagedMembers(pageSize: number, continuationToken: string | undefined): Promise<MembersPage>;
}

/** What the bot's turns are, to the SDK: the SDK dispatches, the bot decides. */
export interface TurnHandlers {
  /** Every turn goes through here first; `dispatch` runs the SDK's routing to the handlers below. */
  run(turn: InboundTurn, dispatch: () => Promise<void>): Promise<void>;
  message(turn: InboundTurn): Promise<void>;
  installed(turn: InboundTurn): Promise<void>;
  membersAdded(turn: InboundTurn): Promise<void>;
  /** False for an invoke the bot does not take: the SDK answers it 400. */
  takesInvoke(activity: TeamsActivity): boolean;
  cardAction(turn: InboundTurn, verb: string, data: unknown): Promise<InvokeAnswer>;
}

export interface EndpointLog {
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

/** What an activity that passed authentication was answered, as HTTP. */
export interface TurnOutcome {
  readonly status: number;
  readonly body?: unknown;
}

/** Undefined when the token does not prove the activity came from the Bot Connector for this bot (in local mode, always a turn). */
export type ServeActivity = (activity: TeamsActivity, authorization: string, log: EndpointLog) => Promise<TurnOutcome | undefined>;

/**
 * The port both SDKs implement: an activity in (its token checked the SDK's way), proactive
 * turns out. Nothing outside src/bot/sdk imports an SDK.
 */
export interface BotSdk {
  readonly name: BotSdkName;
  /** The SDK's routing of activities to `handlers`, built once. */
  serving(handlers: TurnHandlers): ServeActivity;
  /**
   * Runs `act` in the referenced conversation. Both SDKs hand an error inside `act` to their
   * turn-error handler instead of rethrowing it, so `act` keeps its own failures.
   */
  continueConversation(reference: StoredReference, act: (turn: ProactiveTurn) => Promise<void>): Promise<void>;
}

export interface BotCredentials {
  readonly appId: string | undefined;
  readonly appPassword: string | undefined;
  readonly tenantId: string | undefined;
  readonly appType: string;
  /** Tests only: the Bot Connector's OpenID metadata (and so its signing keys) from elsewhere than login.botframework.com. */
  readonly openIdMetadataUrl?: string | undefined;
}
