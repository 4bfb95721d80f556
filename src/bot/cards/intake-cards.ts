import { FIELD_MAX_LENGTH, FORM_FIELDS, type FieldError, type FormField, type RequestForm } from '../../domain/collaboration/description.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { LOCALES } from '../../domain/locale.js';
import type { FieldFinding, NameHint } from '../../domain/privacy/identifier-guard.js';
import type { Translate } from '../../i18n/translator.js';
import type { WaitingItem } from '../../app/routing/list-waiting-for.js';
import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';
import { unitState } from './case-cards.js';
import type { BannerStyle } from './presentation.js';
import { formatDateTime } from './formatting.js';
import { plainText } from './plain-text.js';


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

export function helpCard({ t }: Presentation): AdaptiveCard {
  return renderCard('help', {
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

function fieldErrorText(t: Translate, error: FieldError): string {
  return t(`errors.${error.code}`, error.code === 'field.too_long' ? { max: FIELD_MAX_LENGTH[error.field as keyof typeof FIELD_MAX_LENGTH] } : {});
}

export function formCard(p: Presentation, view: FormView): AdaptiveCard {
  const { t, directory } = p;
  const errors = Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])) as Record<FormField, string>;
  for (const error of view.fieldErrors ?? []) errors[error.field] = fieldErrorText(t, error);
  for (const finding of view.findings ?? []) {
    const message = t(`errors.privacy.${finding.kind}`, { field: t(`fieldNames.${finding.field}`) });
    errors[finding.field as FormField] = errors[finding.field as FormField] ? `${errors[finding.field as FormField]}\n${message}` : message;
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
    sendingUnits: sendingUnitIds.map((id) => ({ value: id, title: unitTitle(p, id) })),
    collaborationUnits: directory.units.map((u) => ({ value: u.id, title: unitTitle(p, u.id) })),
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

const LIST_SIZE = 15;

export function myRequestsCard(
  p: Presentation,
  requests: readonly CollaborationRequest[],
  waiting: readonly WaitingItem[] = [],
  notice = '',
): AdaptiveCard {
  const { t, locale, directory } = p;
  const shown = requests.slice(0, LIST_SIZE);
  const unitNames = (r: CollaborationRequest) => r.collaborationUnitIds.map((id) => directory.unitName(id, locale) ?? id).join(', ');
  return renderCard('myRequests', {
    title: t('list.title'),
    notice,
    empty: t('list.empty'),
    more: requests.length > shown.length ? t('list.more', { shown: shown.length, total: requests.length }) : '',
    newRequest: t('list.newRequest'),
    waitingTitle: t('list.waitingTitle'),
    waiting: waiting.slice(0, LIST_SIZE).map((w) => ({
      id: w.request.id,
      unitId: w.unitId,
      heading: `${w.request.reference ?? ''} · ${t(`list.step.${w.step}`)}`,
      details: `${directory.unitName(w.request.sendingUnitId ?? '', locale) ?? ''} → ${unitNames(w.request)}`,
      openLabel: t('list.open'),
    })),
    items: shown.map((r) => ({
      id: r.id,
      heading: r.reference ?? t('list.draftLabel'),
      status: t(`status.${r.status}`),
      details: [
        r.units.length > 0 ? r.units.map((u) => unitState(p, u)).join(' · ') : unitNames(r),
        t('list.updated', { time: formatDateTime(r.updatedAt, locale) }),
      ]
        .filter(Boolean)
        .join(' · '),
      canEdit: r.status === 'draft' || r.status === 'returned',
      canDelete: r.status === 'draft',
      openLabel: t('list.open'),
      deleteLabel: t('list.delete'),
    })),
  });
}
