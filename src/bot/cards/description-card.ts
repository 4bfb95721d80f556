import type { StoredRequest } from '../../app/ports.js';
import { plainText } from '../../domain/card-text.js';
import { FREE_TEXT_FIELDS } from '../../domain/collaboration/description.js';
import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';
import type { CaseView } from './case-view.js';

const PART_FIELDS = FREE_TEXT_FIELDS.filter((f) => f !== 'senderContact');

/** The views that show the description: everyone's but the sending worker's own progress view. */
export const showsDescription = (view: CaseView): boolean => view.kind !== 'status';

/** The sender's contact is for those who reach them: the approver and the named worker. */
export const showsContact = (view: CaseView): boolean => view.kind === 'named' || view.kind === 'approval';

export function descriptionParts(p: Presentation, description: StoredRequest['description']) {
  return PART_FIELDS.filter((f) => description.texts[f].trim()).map((f) => ({ heading: p.t(`fieldNames.${f}`), text: plainText(description.texts[f]) }));
}

/** The description on a card of its own, for the views that show it, with the way back to the case. */
export function descriptionCard(p: Presentation, { request, description }: StoredRequest, view: CaseView): AdaptiveCard {
  const { t } = p;
  return renderCard('requestDescription', {
    title: t('case.descriptionTitle', { reference: request.reference ?? '' }),
    facts: showsContact(view) ? [{ title: t('case.contact'), value: plainText(description.texts.senderContact) }] : [],
    description: showsDescription(view) ? descriptionParts(p, description) : [],
    requestId: request.id,
    unitId: view.kind === 'receiving' ? view.unitId : '',
    backLabel: t('case.backToCase'),
  });
}
