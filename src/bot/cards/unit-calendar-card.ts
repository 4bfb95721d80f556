import type { UnitCalendar } from '../../app/units/unit-yhteistyoaika.js';
import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';
import { formatDate, formatDateTime, formatTime } from './formatting.js';
import { personName, unitName } from './presentation.js';

/** What the card says after a click: a result, or the reason typed and what was wrong with it. */
export interface UnitCalendarState {
  readonly banner?: { readonly text: string; readonly good: boolean } | undefined;
  readonly reason?: string | undefined;
  readonly reasonError?: string | undefined;
}

/**
 * A supervisor's view of the unit's Yhteistyöaika: each occurrence, what takes it out of use, and
 * each part with the reference of the case booked in it (references only: no client data). Free
 * occurrences can be blocked with the reason typed on the card; blocked ones unblocked.
 */
export function unitCalendarCard(p: Presentation, calendar: UnitCalendar, casesPerSlot: number, state: UnitCalendarState = {}): AdaptiveCard {
  const { t, locale } = p;
  const occurrences = calendar.occurrences.map((o) => {
    const date = formatDate(o.date, locale);
    const closed = o.holiday ? t('unitCalendar.holiday', { name: o.holiday }) : o.blackout ? t('unitCalendar.blackout') : '';
    const blocked = o.block ? t('unitCalendar.blocked', { reason: o.block.reason, name: personName(p, o.block.by), time: formatDateTime(o.block.at, locale) }) : '';
    const parts = closed
      ? []
      : o.parts.map((part) => {
          const span = { from: formatTime(part.start.toISOString(), locale), to: formatTime(part.end.toISOString(), locale) };
          const reference = part.requestId ? calendar.references.get(part.requestId) : undefined;
          return { line: part.requestId ? t('unitCalendar.booked', { ...span, reference: reference || '–' }) : t('unitCalendar.free', span) };
        });
    return {
      unitId: calendar.unitId,
      date: o.date,
      heading: t('unitCalendar.heading', { date, from: formatTime(o.start.toISOString(), locale), to: formatTime(o.end.toISOString(), locale) }),
      status: closed || blocked,
      statusColor: blocked ? 'Warning' : 'Default',
      parts,
      canBlock: !closed && !o.block,
      canUnblock: !closed && o.block !== undefined,
      blockLabel: t('unitCalendar.block', { date }),
      unblockLabel: t('unitCalendar.unblock', { date }),
    };
  });
  return renderCard('unitCalendar', {
    title: t('unitCalendar.title', { unit: unitName(p, calendar.unitId) }),
    intro: t('unitCalendar.intro'),
    capacity: t('unitCalendar.capacity', { count: casesPerSlot }),
    banner: state.banner?.text ?? '',
    bannerColor: state.banner?.good === false ? 'Attention' : 'Good',
    reasonLabel: t('unitCalendar.reasonLabel'),
    reasonPlaceholder: t('unitCalendar.reasonPlaceholder'),
    reason: state.reason ?? '',
    reasonError: state.reasonError ?? '',
    occurrences,
  });
}

/** The references of the cases booked into an occurrence, for the note that blocking keeps them. */
export function bookedReferences(calendar: UnitCalendar, date: string): string[] {
  const occurrence = calendar.occurrences.find((o) => o.date === date);
  return (occurrence?.parts ?? []).flatMap((part) => (part.requestId ? [calendar.references.get(part.requestId) || '–'] : []));
}
