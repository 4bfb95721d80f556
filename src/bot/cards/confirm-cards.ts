import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';

/** The steps that cannot be undone: each asks once, in the clicked card, before it acts. */
export type IrreversibleStep = 'withdraw' | 'cancelMeeting' | 'closeCase' | 'deleteDraft' | 'replaceWorker' | 'handOverChair';

export interface ConfirmView {
  readonly step: IrreversibleStep;
  readonly requestId: string;
  /** The request's version as shown: a confirmation of anything older is refused. */
  readonly version: number;
  /** What will happen, in the reader's language. */
  readonly text: string;
  /** A replacement's unit, new worker and reason, confirmed as they were chosen. */
  readonly replacement?: { readonly unitId: string; readonly workerId: string; readonly reason: string } | undefined;
  /** A hand-over's new chair, confirmed as chosen. */
  readonly newChairId?: string | undefined;
}

/** "This will happen": Vahvista takes the step on the version shown, Peruuta brings back the card as it is now. */
export function confirmCard(p: Presentation, view: ConfirmView): AdaptiveCard {
  return renderCard('confirm', {
    title: p.t('confirm.title'),
    text: view.text,
    step: view.step,
    requestId: view.requestId,
    // A number in the data: the templating would otherwise send it as text.
    version: view.version,
    unitId: view.replacement?.unitId ?? '',
    replacementWorkerId: view.replacement?.workerId ?? '',
    replaceReason: view.replacement?.reason ?? '',
    newChairId: view.newChairId ?? '',
    confirmLabel: p.t('confirm.confirm'),
    cancelLabel: p.t('confirm.cancel'),
  });
}
