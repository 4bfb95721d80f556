import { createAgentsSdk } from './agents/bot-on-agents.js';
import type { BotCredentials, BotSdk, BotSdkName, EndpointLog } from './bot-sdk.js';
import { createBotbuilderSdk } from './botbuilder/bot-on-botbuilder.js';

/** `BOT_SDK` picks the SDK; everything outside src/bot/sdk is the same either way. */
export function createBotSdk(name: BotSdkName, credentials: BotCredentials, log: EndpointLog): BotSdk {
  return name === 'agents' ? createAgentsSdk(credentials, log) : createBotbuilderSdk(credentials, log);
}
