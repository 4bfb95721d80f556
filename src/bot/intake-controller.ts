import type { DeleteDraft } from '../app/intake/delete-draft.js';
import type { IntakeError } from '../app/intake/intake-errors.js';
import type { ListCaseload } from '../app/caseload/list-caseload.js';
import type { OpenRequest } from '../app/intake/open-request.js';
import { formOf, newRequestForm } from '../app/intake/request-form.js';
import type { SaveDraft } from '../app/intake/save-draft.js';
import type { SubmitRequest } from '../app/intake/submit-request.js';
import type { Actor, Clock, IdGenerator, UserPreferences } from '../app/ports.js';
import { isEditable } from '../domain/collaboration/request.js';
import type { Locale } from '../domain/locale.js';
import { countyDate } from '../domain/time.js';
import type { Presentation, PresentationSource } from '../i18n/presentation.js';
import { deleteDraftPayloadSchema, languagePayloadSchema, parseFormPayload, requestRefPayloadSchema, type FormPayload } from './card-payloads.js';
import { confirmCard } from './cards/confirm-cards.js';
import { formatTime } from './cards/formatting.js';
import { caseloadCard } from './cards/caseload-cards.js';
import { fitsTeams } from './cards/card-size.js';
import { formCard, helpCard, sentCard, tooLongFieldsText, welcomeCard, type FormView } from './cards/intake-cards.js';
import { noticeReply, unknownActionCard } from './replies.js';
import type { ActionCall, BotReply, Call } from './turn.js';

export interface IntakeControllerDeps {
  readonly saveDraft: SaveDraft;
  readonly submitRequest: SubmitRequest;
  readonly openRequest: OpenRequest;
  readonly deleteDraft: DeleteDraft;
  /** "Omat asiat": every case the person is part of, by their part in it, and their drafts. */
  readonly listCaseload: ListCaseload;
  readonly preferences: Pick<UserPreferences, 'setLocale'>;
  /** A language change is answered in the new language. */
  readonly presentations: Pick<PresentationSource, 'forLocale'>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

const errorCard = (p: Presentation, code: string) => noticeReply(p, p.t(`errors.${code}`), 'Attention');

/** The worker's side of a description: the form, drafts, sending, their own list, and the chat's language. */
export class IntakeController {
  constructor(private readonly deps: IntakeControllerDeps) {}

  welcome({ turn, p }: Call): BotReply {
    // Install events carry no display name; the directory knows it.
    return { card: welcomeCard(p, turn.userName || p.directory.person(turn.userId)?.name || '') };
  }

  help({ p }: Call): BotReply {
    return { card: helpCard(p) };
  }

  /** A message that is no command: say so, and show what the bot does understand. */
  notUnderstood({ p }: Call): BotReply {
    return { card: helpCard(p, p.t('help.notUnderstood')) };
  }

  newRequest({ turn, p }: Call): BotReply {
    if (p.directory.unitsOf(turn.userId).length === 0) return errorCard(p, 'request.unknown_worker');
    const today = this.today();
    const form = newRequestForm(p.directory, turn.userId, today, turn.userName);
    return { card: formCard(p, { requestId: this.deps.ids.requestId(), version: 0, form, workerId: turn.userId, today }) };
  }

  /** "Omat asiat": the person's drafts and every case they are part of, grouped by their part in it. */
  async myRequests({ actor, p }: Call, notice = ''): Promise<BotReply> {
    return { card: caseloadCard(p, await this.deps.listCaseload(actor.id), actor.id, notice) };
  }

  /** The help card's language buttons. */
  async setLanguage(action: ActionCall): Promise<BotReply> {
    const payload = languagePayloadSchema.safeParse(action.data).data;
    return payload ? this.chooseLanguage(action, payload.locale) : unknownActionCard(action.p);
  }

  /** An explicit choice outranks whatever language the user's client names, from now on. */
  async chooseLanguage({ actor }: Call, locale: Locale): Promise<BotReply> {
    await this.deps.preferences.setLocale(actor.id, locale);
    const next = this.deps.presentations.forLocale(locale);
    return noticeReply(next, next.t('language.changed'), 'Good');
  }

  async saveDraft({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = parseFormPayload(data);
    if (!payload) return unknownActionCard(p);
    const view = this.formView(actor, payload);
    const saved = await this.deps.saveDraft(actor, { requestId: payload.requestId, expectedVersion: payload.version, form: payload.form });
    if (!saved.ok) return this.formError(saved.error, view, p);
    const time = formatTime(saved.value.request.updatedAt, p.locale);
    return { card: formCard(p, { ...view, version: saved.value.request.version, banner: { text: p.t('form.saved', { time }), style: 'good' } }) };
  }

  /** Everything typed is saved as the draft first, so a missing field never costs text. */
  async submitRequest({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = parseFormPayload(data);
    if (!payload) return unknownActionCard(p);
    const write = { requestId: payload.requestId, expectedVersion: payload.version, form: payload.form, confirmNames: payload.confirmNames };
    const submitted = await this.deps.submitRequest(actor, write);
    if (!submitted.ok) return this.formError(submitted.error, this.formView(actor, payload), p);
    const { request } = submitted.value;
    return { card: sentCard(p, request), shows: { requestId: request.id, view: { kind: 'status', viewerId: actor.id } } };
  }

  /** An outage must not cost the worker the text on the card: it is rendered back to them. */
  formFailure({ actor, data, p }: ActionCall): BotReply | undefined {
    const payload = parseFormPayload(data);
    if (!payload) return undefined;
    return { card: formCard(p, { ...this.formView(actor, payload), banner: { text: p.t('form.storeUnavailable'), style: 'attention' } }) };
  }

  async open({ actor, data, p }: ActionCall): Promise<BotReply> {
    const payload = requestRefPayloadSchema.safeParse(data).data;
    if (!payload) return unknownActionCard(p);
    const opened = await this.deps.openRequest(actor, payload.requestId);
    if (!opened.ok) return errorCard(p, opened.error.code);
    const { request } = opened.value;
    if (!isEditable(request)) return { card: sentCard(p, request) };
    const view = { requestId: request.id, version: request.version, reference: request.reference, form: formOf(opened.value), workerId: actor.id, today: this.today() };
    return { card: formCard(p, view) };
  }

  /** Deleting asks first, in the same card; only the confirmation, on the draft as it was shown, deletes. */
  async deleteDraft(action: ActionCall): Promise<BotReply> {
    const { actor, data, p } = action;
    const payload = deleteDraftPayloadSchema.safeParse(data).data;
    if (!payload) return unknownActionCard(p);
    if (!payload.confirmed) {
      const checked = await this.deps.deleteDraft(actor, payload.requestId, { preview: true });
      if (!checked.ok) return this.deleteRefused(action, checked.error);
      return { card: confirmCard(p, { step: 'deleteDraft', requestId: payload.requestId, version: checked.value.version, text: p.t('confirm.deleteDraft') }) };
    }
    const deleted = await this.deps.deleteDraft(actor, payload.requestId, { expectedVersion: payload.version });
    if (!deleted.ok) return this.deleteRefused(action, deleted.error);
    return this.myRequests(action, p.t('list.deleted'));
  }

  /** A refused delete answers with the list as it is now, why in its notice; a draft changed since is not deleted. */
  private deleteRefused(action: ActionCall, error: IntakeError): Promise<BotReply> | BotReply {
    if (error.code === 'request.changed_elsewhere') return this.myRequests(action, action.p.t('confirm.staleDraft'));
    if (error.code === 'request.not_editable' || error.code === 'request.not_found') return this.myRequests(action, action.p.t(`errors.${error.code}`));
    return errorCard(action.p, error.code);
  }

  private formError(error: IntakeError, view: FormView, p: Presentation): BotReply {
    const { t } = p;
    switch (error.code) {
      case 'request.identifiers_found':
        return { card: formCard(p, { ...view, findings: error.findings, banner: { text: t('form.identifiersFound'), style: 'attention' } }) };
      case 'request.invalid': {
        const text = `${t('form.fixErrors')} ${error.version > 0 ? t('form.draftKept') : ''}`.trim();
        const card = formCard(p, { ...view, version: error.version, fieldErrors: error.fieldErrors, banner: { text, style: 'attention' } });
        // Text pasted far over its limit cannot come back on a card Teams takes: the clicked form keeps it, the answer says what to shorten.
        return fitsTeams(card) ? { card } : { message: `${t('errors.cardTooLarge')}\n\n${tooLongFieldsText(p, view.form)}` };
      }
      case 'request.names_unconfirmed':
        return { card: formCard(p, { ...view, version: error.version, nameHints: error.hints, banner: { text: t('form.namesFound'), style: 'warning' } }) };
      case 'request.changed_elsewhere':
        return { card: formCard(p, { ...view, version: error.currentVersion, banner: { text: t('form.changedElsewhere'), style: 'warning' } }) };
      case 'request.busy':
        return { card: formCard(p, { ...view, banner: { text: t('errors.request.busy'), style: 'attention' } }) };
      case 'request.already_submitted':
      case 'request.not_editable':
        return { card: sentCard(p, error.request) };
      default:
        return errorCard(p, error.code);
    }
  }

  private formView(actor: Actor, payload: FormPayload): FormView {
    return { requestId: payload.requestId, version: payload.version, form: payload.form, workerId: actor.id, today: this.today() };
  }

  private today(): string {
    return countyDate(this.deps.clock.now());
  }
}
