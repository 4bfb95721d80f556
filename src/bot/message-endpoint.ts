import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ActivityHandler,
  type Request as BotRequest,
  type Response as BotResponse,
  type TurnContext,
} from 'botbuilder';
import { z } from 'zod';

export interface BotCredentials {
  readonly appId: string | undefined;
  readonly appPassword: string | undefined;
  readonly tenantId: string | undefined;
  readonly appType: string;
}

export interface EndpointLog {
  error(fields: object, message: string): void;
}

/** An empty app id turns authentication off: the configuration refuses that in production. */
export function createBotAdapter(credentials: BotCredentials, log: EndpointLog): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppTenantId: credentials.tenantId ?? '',
    // botbuilder accepts an empty app id only as MultiTenant: that is local mode, never production.
    MicrosoftAppType: credentials.appId ? credentials.appType : 'MultiTenant',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Name and message only: an error object can carry the activity, and with it client text.
    log.error({ err: { name: error.name, message: error.message }, activityType: context.activity.type }, 'turn failed');
  };
  return adapter;
}

/** The least an activity must have before botbuilder sees it; malformed input is a 400, never a 500. */
const activityEnvelope = z.object({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  serviceUrl: z.string().url().max(2048),
  conversation: z.object({ id: z.string().min(1).max(1024) }),
  from: z.object({ id: z.string().min(1).max(512) }),
});

export type MessageEndpoint = (req: BotRequest, res: BotResponse) => Promise<void>;

/** CloudAdapter behind a plain (req, res) function, so the HTTP layer needs no botbuilder. */
export function createMessageEndpoint(adapter: CloudAdapter, bot: ActivityHandler, localMode: boolean): MessageEndpoint {
  return async (req, res) => {
    if (!activityEnvelope.safeParse(req.body).success) {
      res.status(400);
      res.send({ error: 'invalid_activity' });
      res.end();
      return;
    }
    // The Agents Playground writes a fixed "en-US" into every activity whatever the user's language,
    // so in local mode its locale says nothing and the user's choice or Finnish applies instead.
    if (localMode && req.headers['x-ms-agents-playground']) delete (req.body as { locale?: string }).locale;
    await adapter.process(req, res, (context) => bot.run(context));
  };
}
