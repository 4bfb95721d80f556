import { z } from 'zod';
import type { BotMemory } from '../app/ports.js';
import { channelReference, conversationKeyOf } from './activity-mapping.js';
import { errorFields, type BotLog } from './bot-log.js';
import { serviceUrlAllowed, type ServiceUrlHosts } from './inbound-guard.js';
import type { InboundTurn } from './sdk/bot-sdk.js';
import type { TeamsActivity } from './teams-activity.js';
import type { TrackedCards } from './tracked-cards.js';
import type { ShownCase } from './turn.js';

export interface ConversationReferencesParts {
  readonly memory: Pick<BotMemory, 'saveReference'>;
  readonly cards: TrackedCards;
  /** Where conversation references may point: a reference elsewhere is never stored. */
  readonly serviceUrlHosts: ServiceUrlHosts;
  readonly log: Pick<BotLog, 'warn'>;
}

const party = z.object({ id: z.string().min(1) }).passthrough();
/**
 * What every later message to this conversation is built from: one malformed field stored here
 * (a channelId that is not a string) would make every card to the person fail to serialize.
 */
const storableReference = z
  .object({
    channelId: z.string().min(1),
    serviceUrl: z.string().url(),
    conversation: party,
    bot: party,
    user: party.optional(),
    locale: z.string().optional(),
  })
  .passthrough();

/**
 * What a turn teaches the bot about reaching people later: where this person or channel is, and
 * which card a click came from. Neither may cost the user their answer, so failures are logged only.
 */
export class ConversationReferences {
  constructor(private readonly parts: ConversationReferencesParts) {}

  /** Every turn refreshes where the bot can reach this person or channel later. */
  async remember(turn: InboundTurn): Promise<void> {
    const key = conversationKeyOf(turn.activity);
    if (!key) return;
    // Without the turn's own activity id: the sender drops it anyway, and a person's reference then stays the same turn after turn.
    const reference = { ...channelReference(turn.activity, turn.reference()), activityId: undefined };
    // The endpoint let this activity in; a reference is still never stored pointing anywhere else.
    if (!serviceUrlAllowed(reference.serviceUrl, this.parts.serviceUrlHosts)) return;
    if (!storableReference.safeParse(reference).success) {
      this.parts.log.warn({ conversationKey: key }, 'malformed conversation reference not stored');
      return;
    }
    // Written every turn, though mostly unchanged: it goes out beside the turn's other first reads and
    // costs no wait of its own, and a reference Redis lost (a failover's last second) is back at the
    // person's next click, which a memo of what this process wrote would not see.
    try {
      await this.parts.memory.saveReference(key, JSON.stringify(reference));
    } catch (error) {
      this.parts.log.warn(errorFields(error), 'conversation reference not saved');
    }
  }

  /** The clicked card now shows a request: remember it so later changes update it in place. */
  async trackClicked(activity: TeamsActivity, shown: ShownCase | undefined): Promise<void> {
    const activityId = activity.replyToId;
    const conversationKey = conversationKeyOf(activity);
    if (!shown || !activityId || !conversationKey) return;
    try {
      await this.parts.cards.track(shown.requestId, { conversationKey, activityId, view: shown.view, banner: shown.banner });
    } catch (error) {
      this.parts.log.warn(errorFields(error), 'clicked card not tracked');
    }
  }
}
