import { Verb } from '../../cards/verbs.js';
import type { DeleteDraft } from '../app/intake/delete-draft.js';
import type { Actor } from '../app/ports.js';
import type { IntakeError } from '../app/intake/intake-errors.js';
import type { ListMyRequests } from '../app/intake/list-my-requests.js';
import type { WaitingItem } from '../app/routing/list-waiting-for.js';
import type { OpenRequest } from '../app/intake/open-request.js';
import { formOf, newRequestForm } from '../app/intake/request-form.js';
import type { SaveDraft } from '../app/intake/save-draft.js';
import type { SubmitRequest } from '../app/intake/submit-request.js';
import type { Clock, DirectoryProvider, IdGenerator, UserPreferences } from '../app/ports.js';
import { isEditable } from '../domain/collaboration/request.js';
import { DEFAULT_LOCALE, type Locale } from '../domain/locale.js';
import { countyDate } from '../domain/time.js';
import { translator } from '../i18n/translator.js';
import { languagePayloadSchema, parseFormPayload, requestRefPayloadSchema, type FormPayload } from './card-payloads.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import {
  formCard,
  helpCard,
  myRequestsCard,
  noticeCard,
  sentCard,
  welcomeCard,
  type FormView,
} from './cards/intake-cards.js';
import type { Presentation } from './cards/presentation.js';
import { formatTime } from './cards/formatting.js';
import { languageChoiceOf, textIntentOf } from './text-commands.js';

/** One user's turn, in our own terms: the Bot Framework stays in the adapter around this. */
export interface Turn {
  readonly userId: string;
  readonly userName: string;
  /** From the activity; install events may carry none. */
  readonly locale?: Locale | undefined;
}

export type Command =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'action'; readonly verb: string; readonly data: unknown }
  | { readonly kind: 'install' };

export interface IntakeControllerDeps {
  readonly saveDraft: SaveDraft;
  readonly submitRequest: SubmitRequest;
  readonly openRequest: OpenRequest;
  readonly deleteDraft: DeleteDraft;
  readonly listMyRequests: ListMyRequests;
  readonly listWaitingFor: (personId: string) => Promise<WaitingItem[]>;
  readonly preferences: UserPreferences;
  readonly directory: DirectoryProvider;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Told about failures by name and message only: no activity, no card values. */
  readonly reportFailure: (error: unknown, verb: string) => void;
}

/** The card for the user; `submitted` names a request this turn sent, whose card is now its status. */
export interface IntakeReply {
  readonly card: AdaptiveCard;
  readonly submitted?: string | undefined;
}

export class IntakeController {
  constructor(private readonly deps: IntakeControllerDeps) {}

  async handle(turn: Turn, command: Command): Promise<IntakeReply> {
    const verb = command.kind === 'action' ? command.verb : command.kind;
    const p = await this.presentationFor(turn);
    try {
      const reply = await this.dispatch(turn, command, p);
      return (reply as { type?: unknown }).type === 'AdaptiveCard' ? { card: reply as AdaptiveCard } : (reply as IntakeReply);
    } catch (error) {
      this.deps.reportFailure(error, verb);
      return { card: this.failureCard(turn, command, p) };
    }
  }

  /** The user's language: an explicit choice, else the activity's, else Finnish. */
  async presentationFor(turn: Turn): Promise<Presentation> {
    return this.presentation(await this.localeOf(turn));
  }

  private async dispatch(turn: Turn, command: Command, p: Presentation): Promise<AdaptiveCard | IntakeReply> {
    if (command.kind === 'install') return welcomeCard(p, this.nameOf(turn, p));
    if (command.kind === 'text') return this.onText(turn, command.text, p);
    const actor: Actor = { id: turn.userId, name: turn.userName };
    switch (command.verb) {
      case Verb.newRequest:
        return this.newForm(turn, p);
      case Verb.myRequests:
        return this.myRequests(actor.id, p);
      case Verb.help:
        return helpCard(p);
      case Verb.setLanguage: {
        const parsed = languagePayloadSchema.safeParse(command.data);
        return parsed.success ? this.setLanguage(turn, parsed.data.locale, p) : noticeCard(p, p.t('errors.unknownAction'), 'Attention');
      }
      case Verb.saveDraft:
      case Verb.submitRequest:
        return this.onForm(actor, command.verb, command.data, p);
      case Verb.openRequest:
        return this.onOpen(actor, command.data, p);
      case Verb.deleteDraft:
        return this.onDelete(actor, command.data, p);
      default:
        return noticeCard(p, p.t('errors.unknownAction'), 'Attention');
    }
  }

  private async onText(turn: Turn, text: string, p: Presentation): Promise<AdaptiveCard> {
    const language = languageChoiceOf(text);
    if (language) return this.setLanguage(turn, language, p);
    switch (textIntentOf(text)) {
      case 'newRequest':
        return this.newForm(turn, p);
      case 'myRequests':
        return this.myRequests(turn.userId, p);
      case 'help':
        return helpCard(p);
      default:
        return welcomeCard(p, this.nameOf(turn, p));
    }
  }

  private async setLanguage(turn: Turn, locale: Locale, p: Presentation): Promise<AdaptiveCard> {
    await this.deps.preferences.setLocale(turn.userId, locale);
    const next = this.presentation(locale);
    return noticeCard({ ...p, ...next }, next.t('language.changed'), 'Good');
  }

  private newForm(turn: Turn, p: Presentation): AdaptiveCard {
    if (p.directory.unitsOf(turn.userId).length === 0) return noticeCard(p, p.t('errors.request.unknown_worker'), 'Attention');
    const today = this.today();
    return formCard(p, {
      requestId: this.deps.ids.requestId(),
      version: 0,
      form: newRequestForm(p.directory, turn.userId, today, turn.userName),
      workerId: turn.userId,
      today,
    });
  }

  private async onForm(actor: Actor, verb: string, data: unknown, p: Presentation): Promise<AdaptiveCard | IntakeReply> {
    const payload = parseFormPayload(data);
    if (!payload) return noticeCard(p, p.t('errors.unknownAction'), 'Attention');
    const write = { requestId: payload.requestId, expectedVersion: payload.version, form: payload.form };
    const view = this.formView(actor, payload);
    if (verb === Verb.saveDraft) {
      const saved = await this.deps.saveDraft(actor, write);
      if (!saved.ok) return this.formError(saved.error, view, p);
      const time = formatTime(saved.value.request.updatedAt, p.locale);
      return formCard(p, { ...view, version: saved.value.request.version, banner: { text: p.t('form.saved', { time }), style: 'good' } });
    }
    const submitted = await this.deps.submitRequest(actor, { ...write, confirmNames: payload.confirmNames });
    return submitted.ok
      ? { card: sentCard(p, submitted.value.request), submitted: submitted.value.request.id }
      : this.formError(submitted.error, view, p);
  }

  private formError(error: IntakeError, view: FormView, p: Presentation): AdaptiveCard {
    const { t } = p;
    switch (error.code) {
      case 'request.identifiers_found':
        return formCard(p, { ...view, findings: error.findings, banner: { text: t('form.identifiersFound'), style: 'attention' } });
      case 'request.invalid':
        return formCard(p, {
          ...view,
          version: error.version,
          fieldErrors: error.fieldErrors,
          banner: { text: `${t('form.fixErrors')} ${error.version > 0 ? t('form.draftKept') : ''}`.trim(), style: 'attention' },
        });
      case 'request.names_unconfirmed':
        return formCard(p, { ...view, version: error.version, nameHints: error.hints, banner: { text: t('form.namesFound'), style: 'warning' } });
      case 'request.changed_elsewhere':
        return formCard(p, { ...view, version: error.currentVersion, banner: { text: t('form.changedElsewhere'), style: 'warning' } });
      case 'request.already_submitted':
      case 'request.not_editable':
        return sentCard(p, error.request);
      default:
        return noticeCard(p, t(`errors.${error.code}`), 'Attention');
    }
  }

  private async onOpen(actor: Actor, data: unknown, p: Presentation): Promise<AdaptiveCard> {
    const parsed = requestRefPayloadSchema.safeParse(data);
    if (!parsed.success) return noticeCard(p, p.t('errors.unknownAction'), 'Attention');
    const opened = await this.deps.openRequest(actor, parsed.data.requestId);
    if (!opened.ok) return noticeCard(p, p.t(`errors.${opened.error.code}`), 'Attention');
    const { request } = opened.value;
    if (!isEditable(request)) return sentCard(p, request);
    return formCard(p, {
      requestId: request.id,
      version: request.version,
      reference: request.reference,
      form: formOf(opened.value),
      workerId: actor.id,
      today: this.today(),
    });
  }

  private async onDelete(actor: Actor, data: unknown, p: Presentation): Promise<AdaptiveCard> {
    const parsed = requestRefPayloadSchema.safeParse(data);
    if (!parsed.success) return noticeCard(p, p.t('errors.unknownAction'), 'Attention');
    const deleted = await this.deps.deleteDraft(actor, parsed.data.requestId);
    if (!deleted.ok) return noticeCard(p, p.t(`errors.${deleted.error.code}`), 'Attention');
    return this.myRequests(actor.id, p, p.t('list.deleted'));
  }

  /** The worker's own requests and, for supervisors and deputies, what waits for them. */
  private async myRequests(personId: string, p: Presentation, notice = ''): Promise<AdaptiveCard> {
    const [own, waiting] = await Promise.all([this.deps.listMyRequests(personId), this.deps.listWaitingFor(personId)]);
    return myRequestsCard(p, own, waiting, notice);
  }

  /** An outage must not cost the worker the text on the card: it is rendered back to them. */
  private failureCard(turn: Turn, command: Command, p: Presentation): AdaptiveCard {
    if (command.kind === 'action' && (command.verb === Verb.saveDraft || command.verb === Verb.submitRequest)) {
      const payload = parseFormPayload(command.data);
      if (payload) {
        const view = this.formView({ id: turn.userId }, payload);
        return formCard(p, { ...view, banner: { text: p.t('form.storeUnavailable'), style: 'attention' } });
      }
    }
    return noticeCard(p, p.t('errors.unexpected'), 'Attention');
  }

  private formView(actor: Actor, payload: FormPayload): FormView {
    return { requestId: payload.requestId, version: payload.version, form: payload.form, workerId: actor.id, today: this.today() };
  }

  /** Install events carry no display name; the directory knows it. */
  private nameOf(turn: Turn, p: Presentation): string {
    return turn.userName || p.directory.person(turn.userId)?.name || '';
  }

  private async localeOf(turn: Turn): Promise<Locale> {
    try {
      return (await this.deps.preferences.locale(turn.userId)) ?? turn.locale ?? DEFAULT_LOCALE;
    } catch {
      // The preference is a nicety: during a store outage the activity's own locale serves.
      return turn.locale ?? DEFAULT_LOCALE;
    }
  }

  private presentation(locale: Locale): Presentation {
    return { t: translator(locale), locale, directory: this.deps.directory.current() };
  }

  private today(): string {
    return countyDate(this.deps.clock.now());
  }
}
