import type { Presentation, PresentationSource } from '../i18n/presentation.js';
import { errorFields, type BotLog } from './bot-log.js';
import { carriesReservedKeys } from './card-payloads.js';
import { cardBytes, fitsTeams } from './cards/card-size.js';
import { runTextCommand, verbRouteOf, type Controllers, type Replies } from './command-routes.js';
import { noticeReply, unknownAction, unknownActionCard } from './replies.js';
import { textCommandOf } from './text-commands.js';
import type { BotReply, Call, Turn } from './turn.js';

export interface CommandRouterParts {
  readonly controllers: Controllers;
  readonly presentations: PresentationSource;
  readonly log: Pick<BotLog, 'error' | 'warn'>;
}

/**
 * Every command of a turn goes through here: a card's verb or a chat message's command, to its
 * handler in the table, in the user's language. This is the one place a handler's failure is
 * caught: it is logged once, by name and message, and the user is told in their language.
 */
export class CommandRouter {
  constructor(private readonly parts: CommandRouterParts) {}

  /** A click on a card button: Universal Action, or Action.Submit from older clients. */
  async action(turn: Turn, verb: string, data: unknown): Promise<BotReply> {
    const call = await this.callOf(turn);
    const { p } = call;
    if (carriesReservedKeys(data)) return unknownAction(p);
    const route = verbRouteOf(verb);
    // A verb no card of ours sends comes from a stale or forged card: its answer replaces it.
    if (!route) return unknownActionCard(p);
    if (route.personalOnly && !turn.personal) return noticeReply(p, p.t('errors.personalChatOnly'), 'Attention');
    const action = { ...call, data };
    const { controllers } = this.parts;
    return this.guarded(verb, p, () => route.run(controllers, action), () => route.failed?.(controllers, action));
  }

  /** A chat message: in a personal chat a command or a greeting, elsewhere only the link commands. */
  async text(turn: Turn, text: string): Promise<readonly BotReply[]> {
    const call = await this.callOf(turn);
    const command = textCommandOf(text, turn.personal);
    return [await this.guarded(command.name, call.p, () => runTextCommand(this.parts.controllers, call, command))].flat();
  }

  /** The bot was installed in a personal chat: it says who it is. */
  async greet(turn: Turn): Promise<BotReply> {
    const call = await this.callOf(turn);
    return this.guarded('welcome', call.p, () => this.parts.controllers.intake.welcome(call));
  }

  /** Teams sent a click again because the first answer was slow; the first was taken. */
  async alreadyHandled(turn: Turn): Promise<BotReply> {
    const { p } = await this.callOf(turn);
    return { message: p.t('errors.alreadyHandled') };
  }

  private async callOf(turn: Turn): Promise<Call> {
    const p = await this.parts.presentations.forPerson(turn.userId, turn.locale);
    return { turn, actor: { id: turn.userId, name: turn.userName }, p };
  }

  /** `command` is a verb or a command name of ours: never anything the user typed. */
  private async guarded<R extends Replies>(command: string, p: Presentation, run: () => Promise<R> | R, failed?: () => BotReply | undefined): Promise<R | BotReply> {
    try {
      const replies = await run();
      const fitted = Array.isArray(replies) ? replies.map((reply: BotReply) => this.fitted(command, p, reply)) : this.fitted(command, p, replies as BotReply);
      return fitted as R;
    } catch (error) {
      this.parts.log.error({ ...errorFields(error), command }, 'command failed');
      return failed?.() ?? { message: p.t('errors.unexpected') };
    }
  }

  /**
   * Teams refuses a card over its size limit, and the person would lose the answer. A card
   * grows past the budget only with text typed over its limit (a refusal gives it back): a
   * message answers instead, and a clicked card stays as it was, with what was typed in it.
   */
  private fitted(command: string, p: Presentation, reply: BotReply): BotReply {
    if (!('card' in reply) || fitsTeams(reply.card)) return reply;
    this.parts.log.warn({ command, cardBytes: cardBytes(reply.card) }, 'card over the size budget answered by a message');
    return { message: p.t('errors.cardTooLarge') };
  }
}
