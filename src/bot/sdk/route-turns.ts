import type { InboundTurn, TurnHandlers } from './bot-sdk.js';

type Handler<C> = (context: C, next: () => Promise<void>) => Promise<void>;

/** The registrations both SDKs' ActivityHandler offer, for the activities the bot handles. */
export interface ActivityRoutes<C> {
  onMessage(handler: Handler<C>): unknown;
  onInstallationUpdateAdd(handler: Handler<C>): unknown;
  onMembersAdded(handler: Handler<C>): unknown;
}

/** Messages, installs and members added go to the bot's own handlers, whichever SDK routes them. */
export function routeTurns<C>(routes: ActivityRoutes<C>, bot: TurnHandlers, inbound: (context: C) => InboundTurn): void {
  routes.onMessage(async (context, next) => {
    await bot.message(inbound(context));
    await next();
  });
  routes.onInstallationUpdateAdd(async (context, next) => {
    await bot.installed(inbound(context));
    await next();
  });
  routes.onMembersAdded(async (context, next) => {
    await bot.membersAdded(inbound(context));
    await next();
  });
}
