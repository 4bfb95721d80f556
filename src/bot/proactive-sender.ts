import { setTimeout as sleep } from 'node:timers/promises';
import type { DeliveryFailure } from '../app/ports.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import { readRoster, type RosterRead } from './channel-roster.js';
import { serviceUrlAllowed, type ServiceUrlHosts } from './inbound-guard.js';
import type { BotSdk, ProactiveTurn, StoredReference } from './sdk/bot-sdk.js';
import { ActivityType, adaptiveCardAttachment } from './teams-activity.js';

export type SendResult = { readonly ok: true; readonly activityId: string } | { readonly ok: false; readonly failure: DeliveryFailure };
export type ChannelSendResult = (Extract<SendResult, { ok: true }> & { readonly roster: RosterRead }) | Extract<SendResult, { ok: false }>;

const ATTEMPTS = 4;
const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);

function statusOf(error: unknown): number | undefined {
  // botbuilder's errors carry statusCode, the Agents SDK's status.
  const e = error as { statusCode?: number; status?: number; response?: { status?: number } };
  return e.statusCode ?? e.status ?? e.response?.status;
}

/** Longest Retry-After a send waits out itself; a longer one is the job's to wait, by failing this try. */
const MAX_RETRY_AFTER_MS = 10_000;

/**
 * What the connector asked us to wait, from a 429's or 503's Retry-After in seconds (the Agents
 * SDK's client gives plain headers, botbuilder's an HttpHeaders with get()); undefined if it did not say.
 */
function retryAfterMsOf(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: unknown } }).response?.headers as { get?: (name: string) => unknown; [name: string]: unknown } | undefined;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : headers?.['retry-after'];
  const seconds = Number(value);
  return value === undefined || value === null || value === '' || !Number.isFinite(seconds) || seconds < 0 ? undefined : seconds * 1000;
}

const cardMessage = (card: AdaptiveCard) => ({ type: ActivityType.message, attachments: [adaptiveCardAttachment(card)] });

/**
 * Proactive messages through the bot's SDK: the only place that turns a stored conversation
 * reference back into a conversation. Throttling is retried after the Retry-After it names,
 * passing faults with backoff and jitter; a refusal for good (a bot removed from a team, 403/404, or any other 4xx) is reported, not retried.
 */
export class ProactiveSender {
  constructor(
    private readonly sdk: Pick<BotSdk, 'continueConversation'>,
    private readonly serviceUrlHosts: ServiceUrlHosts,
    private readonly baseDelayMs = 200,
  ) {}

  send(referenceJson: string, card: AdaptiveCard): Promise<SendResult> {
    return this.withRetries(referenceJson, (turn) => turn.send(cardMessage(card)));
  }

  /** Posts into a channel and reads who is in it at that moment, in the same turn, for the disclosure record. */
  async sendToChannel(referenceJson: string, card: AdaptiveCard): Promise<ChannelSendResult> {
    let roster: RosterRead = { ok: false, reason: 'not_read' };
    const sent = await this.withRetries(referenceJson, async (turn) => {
      const activityId = await turn.send(cardMessage(card));
      roster = await readRoster(turn);
      return activityId;
    });
    return sent.ok ? { ...sent, roster } : sent;
  }

  update(referenceJson: string, activityId: string, card: AdaptiveCard): Promise<SendResult> {
    return this.withRetries(referenceJson, async (turn) => {
      await turn.update({ id: activityId, ...cardMessage(card) });
      return activityId;
    });
  }

  private async withRetries(referenceJson: string, act: (turn: ProactiveTurn) => Promise<string>): Promise<SendResult> {
    // Without the activity id the message starts its own thread instead of replying to the turn the reference came from.
    const reference: StoredReference = { ...(JSON.parse(referenceJson) as StoredReference), activityId: undefined };
    // The SDKs trust every serviceUrl and would send the bot's token there: a reference is only as good as its host.
    if (!serviceUrlAllowed(reference.serviceUrl, this.serviceUrlHosts)) return { ok: false, failure: 'no_conversation' };
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      let activityId = '';
      // The SDK hands errors inside the callback to its turn-error handler instead of
      // rethrowing them, so the callback keeps its own failure for the retry decision.
      await this.sdk.continueConversation(reference, async (turn) => {
        try {
          activityId = await act(turn);
        } catch (error) {
          failure = error;
        }
      });
      if (failure === undefined) return { ok: true, activityId };
      const status = statusOf(failure);
      // Refused for good: the bot removed (403/404), or a request Teams will never take (400 for an
      // activity it does not know, say). Trying again later would only keep the job failing.
      if (status !== undefined && status >= 400 && status < 500 && !RETRYABLE.has(status)) return { ok: false, failure: 'forbidden' };
      const retryAfterMs = retryAfterMsOf(failure);
      if (attempt >= ATTEMPTS || (status !== undefined && !RETRYABLE.has(status)) || (retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS) return { ok: false, failure: 'failed' };
      // Throttling says how long to wait; other passing faults back off with jitter.
      await sleep(retryAfterMs ?? this.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}
