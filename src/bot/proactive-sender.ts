import { setTimeout as sleep } from 'node:timers/promises';
import { CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { DeliveryFailure } from '../app/ports.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import { readRoster, type RosterRead } from './channel-roster.js';
import { serviceUrlAllowed, type ServiceUrlHosts } from './inbound-guard.js';

export type SendResult = { readonly ok: true; readonly activityId: string } | { readonly ok: false; readonly failure: DeliveryFailure };
export type ChannelSendResult = (Extract<SendResult, { ok: true }> & { readonly roster: RosterRead }) | Extract<SendResult, { ok: false }>;

const ATTEMPTS = 4;
const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);

function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: number; response?: { status?: number } };
  return e.statusCode ?? e.response?.status;
}

async function post(context: TurnContext, card: AdaptiveCard): Promise<string> {
  const sent = await context.sendActivity({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
  return sent?.id ?? '';
}

/**
 * Proactive messages through the CloudAdapter: the only place that turns a stored conversation
 * reference back into a conversation. Throttling and passing faults are retried with backoff and
 * jitter; a bot removed from a team (403/404) is reported, not retried.
 */
export class ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly serviceUrlHosts: ServiceUrlHosts,
    private readonly baseDelayMs = 200,
  ) {}

  send(referenceJson: string, card: AdaptiveCard): Promise<SendResult> {
    return this.withRetries(referenceJson, (context) => post(context, card));
  }

  /** Posts into a channel and reads who is in it at that moment, in the same turn, for the disclosure record. */
  async sendToChannel(referenceJson: string, card: AdaptiveCard): Promise<ChannelSendResult> {
    let roster: RosterRead = { ok: false, reason: 'not_read' };
    const sent = await this.withRetries(referenceJson, async (context) => {
      const activityId = await post(context, card);
      roster = await readRoster(context);
      return activityId;
    });
    return sent.ok ? { ...sent, roster } : sent;
  }

  update(referenceJson: string, activityId: string, card: AdaptiveCard): Promise<SendResult> {
    return this.withRetries(referenceJson, async (context) => {
      await context.updateActivity({ id: activityId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
      return activityId;
    });
  }

  private async withRetries(referenceJson: string, act: (context: TurnContext) => Promise<string>): Promise<SendResult> {
    // Without the activity id the message starts its own thread instead of replying to the turn the reference came from.
    const reference: Partial<ConversationReference> = { ...(JSON.parse(referenceJson) as Partial<ConversationReference>), activityId: undefined };
    // botbuilder trusts every serviceUrl and would send the bot's token there: a reference is only as good as its host.
    if (!serviceUrlAllowed(reference.serviceUrl, this.serviceUrlHosts)) return { ok: false, failure: 'no_conversation' };
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      let activityId = '';
      // The adapter hands errors inside the callback to its turn-error handler instead of
      // rethrowing them, so the callback keeps its own failure for the retry decision.
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        try {
          activityId = await act(context);
        } catch (error) {
          failure = error;
        }
      });
      if (failure === undefined) return { ok: true, activityId };
      const status = statusOf(failure);
      if (status === 403 || status === 404) return { ok: false, failure: 'forbidden' };
      if (attempt >= ATTEMPTS || (status !== undefined && !RETRYABLE.has(status))) return { ok: false, failure: 'failed' };
      await sleep(this.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}
