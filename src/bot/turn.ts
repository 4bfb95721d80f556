import type { Actor } from '../app/ports.js';
import type { Locale } from '../domain/locale.js';
import type { Presentation } from '../i18n/presentation.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import type { CaseView } from './cards/case-cards.js';
import type { TrackedCard } from './tracked-cards.js';

/** One user's turn, in our own terms: the Bot Framework stays in the adapter around this. */
export interface Turn {
  readonly userId: string;
  readonly userName: string;
  /** What the user's client says; install events may say nothing. */
  readonly locale?: Locale | undefined;
  /** A personal chat with the bot: the only place descriptions are written and read. */
  readonly personal: boolean;
  /** The team channel the turn came from, if it came from a team. */
  readonly channelId?: string | undefined;
}

/** A command being handled: whose turn it is, and the language and directory to answer with. */
export interface Call {
  readonly turn: Turn;
  readonly actor: Actor;
  readonly p: Presentation;
}

/** A click on a card: its data as the client sent it, for the handler to parse. */
export interface ActionCall extends Call {
  readonly data: unknown;
}

/** The case a card shows, remembered so that later changes update the card in place. */
export interface ShownCase {
  readonly requestId: string;
  readonly view: CaseView;
  /** The line the answer put on the card, true at `version`: a redraw at that version keeps it. */
  readonly banner?: TrackedCard['banner'];
}

/** What every handler answers: a card (replacing the clicked one, or sent), or a short message to the user alone. */
export type BotReply =
  | { readonly card: AdaptiveCard; readonly shows?: ShownCase | undefined }
  | { readonly message: string; readonly markdown?: boolean | undefined };
