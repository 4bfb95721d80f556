import { z } from 'zod';
import type { BotSdk, EndpointLog, TurnHandlers } from './sdk/bot-sdk.js';
import { screenInbound, type InboundPolicy } from './inbound-guard.js';
import type { TeamsActivity } from './teams-activity.js';

export type { EndpointLog } from './sdk/bot-sdk.js';

/** The fields of an activity the bot relies on, as the endpoint checked them; the rest it reads as unknown. */
type CheckedActivity = Pick<TeamsActivity, 'type' | 'id' | 'name' | 'locale' | 'text' | 'replyToId'> & {
  readonly serviceUrl: string;
  readonly conversation: Pick<TeamsActivity['conversation'], 'id' | 'conversationType'>;
  readonly from: TeamsActivity['from'];
};

/** Absent and null say the same to the bot; both SDKs declare these fields optional strings. */
const optional = (schema: z.ZodString) => schema.nullish().transform((value) => value ?? undefined);

/**
 * The least an activity must have before an SDK sees it, and the fields the bot reads typed as
 * the SDKs declare them (a number for a locale would fail mid-turn); malformed input is a 400,
 * never a 500. Every other field (channelData, value, recipient, entities…) passes through to
 * the SDK as sent.
 */
const activitySchema: z.ZodType<CheckedActivity> = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  name: optional(z.string().max(256)),
  locale: optional(z.string().max(64)),
  text: optional(z.string()),
  replyToId: optional(z.string().max(512)),
  serviceUrl: z.string().url().max(2048),
  conversation: z.looseObject({ id: z.string().min(1).max(1024), conversationType: z.string().max(64).optional() }),
  from: z.looseObject({ id: z.string().min(1).max(512), aadObjectId: optional(z.string().max(128)), name: optional(z.string().max(512)) }),
});

/** The parts of an HTTP request and response the endpoint uses; express's fit. */
export interface EndpointRequest {
  readonly body?: unknown;
  readonly headers: Record<string, string | string[] | undefined>;
}
export interface EndpointResponse {
  status(code: number): unknown;
  send(body: unknown): unknown;
  end(): unknown;
}

export type MessageEndpoint = (req: EndpointRequest, res: EndpointResponse) => Promise<void>;

export interface EndpointOptions {
  readonly localMode: boolean;
  readonly policy: InboundPolicy;
  readonly log: EndpointLog;
}

function answer(res: EndpointResponse, status: number, body?: unknown): void {
  res.status(status);
  if (body !== undefined) res.send(body);
  res.end();
}

/**
 * The bot behind a plain (req, res) function, so the HTTP layer needs no SDK. A refused
 * activity stores nothing and sends nothing: nothing of it reaches the bot.
 */
export function createMessageEndpoint(sdk: BotSdk, handlers: TurnHandlers, options: EndpointOptions): MessageEndpoint {
  const { localMode, policy, log } = options;
  const serve = sdk.serving(handlers);
  return async (req, res) => {
    const parsed = activitySchema.safeParse(req.body);
    if (!parsed.success) return answer(res, 400, { error: 'invalid_activity' });
    const header = req.headers.authorization;
    const authorization = typeof header === 'string' ? header : undefined;
    const refusal = screenInbound(parsed.data, authorization, policy);
    if (refusal) {
      log.debug({ reason: refusal.reason }, 'activity refused');
      return answer(res, refusal.status, { error: refusal.status === 401 ? 'unauthorized' : 'forbidden' });
    }
    // The Agents Playground writes a fixed "en-US" into every activity whatever the user's language,
    // so in local mode its locale says nothing and the user's choice or Finnish applies instead.
    const playground = localMode && Boolean(req.headers['x-ms-agents-playground']);
    // What the schema did not check (recipient, membersAdded, value, channelData) the bot reads as possibly anything.
    const activity = (playground ? { ...parsed.data, locale: undefined } : parsed.data) as TeamsActivity;
    const outcome = await serve(activity, authorization ?? '', log);
    if (!outcome) return answer(res, 401, { error: 'unauthorized' });
    answer(res, outcome.status, outcome.body);
  };
}
