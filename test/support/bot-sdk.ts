import type { BotSdkName } from '../../src/bot/sdk/bot-sdk.js';

/** The SDK a run tests: `npm test` runs the bot's suites once with each (BOT_SDK=agents for the second). */
export const SDK_UNDER_TEST: BotSdkName = process.env.BOT_SDK === 'agents' ? 'agents' : 'botbuilder';

/** Each SDK's fault rows have a table of their own: README shows botbuilder's, the default. */
export const FAULT_TABLE_FILE = SDK_UNDER_TEST === 'agents' ? 'test/faults/fault-table.agents.md' : 'test/faults/fault-table.md';

/**
 * HTTP requests one proactive send makes before the sender gives up: its own 4 tries
 * (src/bot/proactive-sender.ts), each retried 3 times more by the Azure SDK's default retry policy
 * under botbuilder's ConnectorClient; the Agents SDK's client does not retry.
 */
export const REQUESTS_PER_SEND = 4 * (SDK_UNDER_TEST === 'botbuilder' ? 4 : 1);
