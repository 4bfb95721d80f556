import { FIELD_LIMIT, FORM_FIELDS, FREE_TEXT_FIELDS, type FieldError, type FormField, type RequestForm } from '../../domain/collaboration/description.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { LOCALES } from '../../domain/locale.js';
import type { FieldFinding, IdentifierKind, NameHint } from '../../domain/privacy/identifier-guard.js';
import type { Translate } from '../../i18n/translator.js';
import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';
import { formatList } from './formatting.js';
import { limitHintText, limitProblemText } from './limit-messages.js';
import type { BannerStyle } from './presentation.js';
import { plainText } from '../../domain/card-text.js';


export interface FormView {
  readonly requestId: string;
  readonly version: number;
  readonly reference?: string | undefined;
  readonly form: RequestForm;
  readonly workerId: string;
  readonly today: string;
  readonly banner?: { readonly text: string; readonly style: BannerStyle } | undefined;
  readonly fieldErrors?: readonly FieldError[] | undefined;
  readonly findings?: readonly FieldFinding[] | undefined;
  readonly nameHints?: readonly NameHint[] | undefined;
}

const lines = (...texts: string[]) => texts.map((text) => ({ text }));

export function welcomeCard({ t }: Presentation, name: string): AdaptiveCard {
  return renderCard('welcome', {
    title: name ? t('welcome.title', { name }) : t('welcome.titleNoName'),
    text: t('welcome.text'),
    newRequest: t('welcome.newRequest'),
    myRequests: t('welcome.myRequests'),
    help: t('welcome.help'),
  });
}

/** The help card; `notice` above it says why it came (a message the bot did not understand). */
export function helpCard({ t }: Presentation, notice = ''): AdaptiveCard {
  return renderCard('help', {
    notice,
    title: t('help.title'),
    steps: t('help.steps'),
    privacy: t('help.privacy'),
    languageTitle: t('help.language'),
    languages: LOCALES.map((locale) => ({ locale, title: t(`language.${locale}`) })),
    newRequest: t('welcome.newRequest'),
    myRequests: t('welcome.myRequests'),
  });
}

export function noticeCard({ t }: Presentation, text: string, color: 'Default' | 'Attention' | 'Good' = 'Default'): AdaptiveCard {
  return renderCard('notice', { text, color, newRequest: t('welcome.newRequest'), myRequests: t('welcome.myRequests') });
}

function unitTitle({ t, locale, directory }: Presentation, unitId: string): string {
  const unit = directory.unit(unitId);
  return unit ? `${unit.name[locale]} (${t(`unitKind.${unit.kind}`)})` : unitId;
}

function fieldErrorText(t: Translate, error: FieldError, form: RequestForm): string {
  const field = error.field as keyof typeof FIELD_LIMIT;
  // The text stays on the card as typed: the person shortens it, nothing is cut for them.
  if (error.code === 'field.too_long') return limitProblemText(t, form[field], FIELD_LIMIT[field]) ?? t(`errors.${error.code}`);
  return t(`errors.${error.code}`);
}

/** Under each free-text field: its limit, and once something is typed, how much of it is used. */
function limitHints(t: Translate, form: RequestForm): Record<string, string> {
  return Object.fromEntries(FREE_TEXT_FIELDS.map((field) => [field, limitHintText(t, form[field], FIELD_LIMIT[field])]));
}

/** Each field over its limit, by name, with how it is over: for the answer when the form cannot come back on a card. */
export function tooLongFieldsText({ t }: Presentation, form: RequestForm): string {
  return FREE_TEXT_FIELDS.flatMap((field) => {
    const problem = limitProblemText(t, form[field], FIELD_LIMIT[field]);
    return problem ? [`${t(`fieldNames.${field}`)}: ${problem}`] : [];
  }).join('\n\n');
}

function kindsByField(findings: readonly FieldFinding[]): Map<FormField, IdentifierKind[]> {
  const kinds = new Map<FormField, IdentifierKind[]>();
  for (const { field, kind } of findings) kinds.set(field as FormField, [...(kinds.get(field as FormField) ?? []), kind]);
  return kinds;
}

/** A field's identifiers in one sentence: a text full of them keeps the form within Teams' size limit. */
function findingText({ t, locale }: Presentation, field: FormField, kinds: readonly IdentifierKind[]): string {
  const name = t(`fieldNames.${field}`);
  if (kinds.length === 1) return t(`errors.privacy.${kinds[0]}`, { field: name });
  return t('errors.privacySeveral', { field: name, kinds: formatList(kinds.map((kind) => t(`errors.privacyKinds.${kind}`)), locale) });
}

export function formCard(p: Presentation, view: FormView): AdaptiveCard {
  const { t, directory } = p;
  const errors = Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])) as Record<FormField, string>;
  for (const error of view.fieldErrors ?? []) errors[error.field] = fieldErrorText(t, error, view.form);
  for (const [field, kinds] of kindsByField(view.findings ?? [])) {
    const message = findingText(p, field, kinds);
    errors[field] = errors[field] ? `${errors[field]}\n${message}` : message;
  }
  const ownUnits = directory.unitsOf(view.workerId).map((u) => u.id);
  const sendingUnitIds = view.form.sendingUnitId && !ownUnits.includes(view.form.sendingUnitId) ? [...ownUnits, view.form.sendingUnitId] : ownUnits;
  const nameHints = view.nameHints ?? [];
  return renderCard('requestForm', {
    t: Object.fromEntries(
      [
        'title', 'intro', 'descriptionDate', 'sendingUnitId', 'senderContact', 'senderContactHint', 'collaborationUnitIds',
        'descriptionHeading', 'wantedServices', 'receivedServices', 'whatWorked', 'assessmentHighlights', 'consentRecorded',
        'needConfirmedInTeam', 'confirmNames', 'save', 'send', 'choose',
      ].map((key) => [key, t(`form.${key}`)]),
    ),
    requestId: view.requestId,
    version: view.version,
    reference: view.reference ?? '',
    referenceText: view.reference ? t('form.reference', { reference: view.reference }) : '',
    today: view.today,
    banner: view.banner ? { text: view.banner.text, style: view.banner.style } : { text: '', style: 'default' },
    notices: nameHints.length > 0 ? lines(...nameHints.map((h) => `${t('form.nameHint', { token: plainText(h.token) })} (${t(`fieldNames.${h.field}`)})`)) : [],
    form: {
      ...view.form,
      collaborationUnitIds: view.form.collaborationUnitIds.join(','),
      consentRecorded: String(view.form.consentRecorded),
      needConfirmedInTeam: String(view.form.needConfirmedInTeam),
    },
    errors,
    limits: limitHints(t, view.form),
    sendingUnits: sendingUnitIds.map((id) => ({ value: id, title: unitTitle(p, id) })),
    // The own unit is no collaboration unit: offered, it would be refused only at send. One the
    // form already names stays offered, so what was saved shows as chosen and its error beside it.
    collaborationUnits: directory.units
      .filter((u) => u.id !== view.form.sendingUnitId || view.form.collaborationUnitIds.includes(u.id))
      .map((u) => ({ value: u.id, title: unitTitle(p, u.id) })),
    showConfirmNames: nameHints.length > 0,
  });
}

export function sentCard(p: Presentation, request: CollaborationRequest): AdaptiveCard {
  const { t } = p;
  return renderCard('requestSent', {
    title: t('sent.title', { reference: request.reference ?? '' }),
    text: t('sent.text'),
    statusLabel: t('sent.status'),
    status: t(`status.${request.status}`),
    unitsLabel: t('sent.units'),
    units: request.collaborationUnitIds.map((id) => unitTitle(p, id)).join(', '),
    myRequests: t('welcome.myRequests'),
    newRequest: t('welcome.newRequest'),
  });
}
