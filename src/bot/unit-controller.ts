import type { Absence, Actor } from '../app/ports.js';
import type { AbsenceError } from '../app/units/record-absence.js';
import type { LinkError } from '../app/units/link-channel.js';
import type { PauseError } from '../app/units/pause-reminders.js';
import type { SeriesError, SeriesSent } from '../app/units/send-standing-series.js';
import type { Result } from '../domain/result.js';
import type { Presentation } from '../i18n/presentation.js';
import { formatDate } from './cards/formatting.js';
import { personName, unitName } from './cards/presentation.js';
import { z } from 'zod';
import type { UnitCalendar, UnitCalendarError } from '../app/units/unit-yhteistyoaika.js';
import { BLOCK_REASON_LIMIT } from '../domain/slots/unit-occurrences.js';
import { bookedReferences, unitCalendarCard, type UnitCalendarState } from './cards/unit-calendar-card.js';
import { channelHelp, noticeReply, unknownActionCard } from './replies.js';
import type { ActionCall, BotReply, Call } from './turn.js';

export interface UnitControllerDeps {
  readonly pauseReminders: (actor: Actor, from: string, to: string) => Promise<Result<string[], PauseError>>;
  readonly sendStandingSeries: (actor: Actor) => Promise<Result<SeriesSent[], SeriesError>>;
  readonly linkChannel: (actor: Actor, channelId: string) => Promise<Result<string[], LinkError>>;
  readonly unlinkChannel: (actor: Actor, channelId: string) => Promise<Result<string[], LinkError>>;
  readonly recordAbsence: (actor: Actor, from: string, to: string, substitute?: string) => Promise<Result<Absence & { readonly units: string[] }, AbsenceError>>;
  readonly viewCalendars: (actor: Actor) => Promise<Result<UnitCalendar[], UnitCalendarError>>;
  readonly blockOccurrence: (actor: Actor, unitId: string, date: string, reason: string) => Promise<Result<UnitCalendar, UnitCalendarError>>;
  readonly unblockOccurrence: (actor: Actor, unitId: string, date: string) => Promise<Result<UnitCalendar, UnitCalendarError>>;
}

const occurrencePayload = z.strictObject({
  unitId: z.string().regex(/^[a-z0-9-]{2,40}$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  // The reason typed on the card; more than the limit is refused with a word, not cut.
  blockReason: z.string().max(10_000).optional(),
});

/** Problems with the reason itself are told under its field, with what was typed kept. */
const REASON_PROBLEMS: ReadonlySet<UnitCalendarError['code']> = new Set(['block.reason_required', 'block.reason_too_long', 'block.identifiers_found']);

const unitNames = (p: Presentation, unitIds: readonly string[]) => unitIds.map((u) => unitName(p, u)).join(', ');

/** What a unit's supervisor does by typing: links a channel to the unit, pauses reminders, sends the standing series. */
export class UnitController {
  constructor(private readonly deps: UnitControllerDeps) {}

  /** In a team channel only: the channel receives the requests of the units the person leads. */
  async link({ turn, actor, p }: Call, unlink: boolean): Promise<BotReply> {
    if (!turn.channelId) return channelHelp(p);
    const outcome = unlink ? await this.deps.unlinkChannel(actor, turn.channelId) : await this.deps.linkChannel(actor, turn.channelId);
    if (!outcome.ok) return { message: p.t(`errors.${outcome.error.code}`) };
    return { message: p.t(unlink ? 'channel.unlinked' : 'channel.linked', { units: unitNames(p, outcome.value), count: outcome.value.length }) };
  }

  /** The standing Yhteistyöaika series for the units the supervisor leads. */
  async sendSeries({ actor, p }: Call): Promise<BotReply> {
    const sent = await this.deps.sendStandingSeries(actor);
    if (!sent.ok) return noticeReply(p, p.t(sent.error.code === 'series.unavailable' ? 'meeting.seriesUnavailable' : 'meeting.seriesNotSupervisor'));
    const units = sent.value.map((s) => p.t('meeting.seriesUnit', { unit: unitName(p, s.unitId), count: s.attendees }));
    return noticeReply(p, p.t('meeting.seriesSent', { units: units.join(', ') }));
  }

  /** "yhteistyöajat": a card per unit the person runs the Yhteistyöaika of. */
  async calendars({ actor, p }: Call): Promise<BotReply | BotReply[]> {
    const viewed = await this.deps.viewCalendars(actor);
    if (!viewed.ok) return noticeReply(p, p.t(`errors.${viewed.error.code}`), 'Attention');
    return viewed.value.map((calendar) => ({ card: unitCalendarCard(p, calendar, p.directory.casesPerSlotOf(calendar.unitId)) }));
  }

  async block(action: ActionCall): Promise<BotReply> {
    const { actor, p } = action;
    const payload = occurrencePayload.safeParse(action.data).data;
    if (!payload) return unknownActionCard(p);
    const reason = payload.blockReason ?? '';
    const blocked = await this.deps.blockOccurrence(actor, payload.unitId, payload.date, reason);
    const date = formatDate(payload.date, p.locale);
    if (blocked.ok) {
      const kept = bookedReferences(blocked.value, payload.date);
      const text = kept.length > 0 ? p.t('unitCalendar.blockedWithCases', { date, references: kept.join(', ') }) : p.t('unitCalendar.blockedResult', { date });
      return { card: unitCalendarCard(p, blocked.value, p.directory.casesPerSlotOf(payload.unitId), { banner: { text, good: true } }) };
    }
    const problem = p.t(`errors.${blocked.error.code}`, { limit: BLOCK_REASON_LIMIT });
    const onReason = REASON_PROBLEMS.has(blocked.error.code);
    return this.refused(action, payload.unitId, onReason ? { reason, reasonError: problem } : { reason, banner: { text: problem, good: false } });
  }

  async unblock(action: ActionCall): Promise<BotReply> {
    const { actor, p } = action;
    const payload = occurrencePayload.safeParse(action.data).data;
    if (!payload) return unknownActionCard(p);
    const unblocked = await this.deps.unblockOccurrence(actor, payload.unitId, payload.date);
    if (unblocked.ok) {
      const banner = { text: p.t('unitCalendar.unblockedResult', { date: formatDate(payload.date, p.locale) }), good: true };
      return { card: unitCalendarCard(p, unblocked.value, p.directory.casesPerSlotOf(payload.unitId), { banner }) };
    }
    return this.refused(action, payload.unitId, { banner: { text: p.t(`errors.${unblocked.error.code}`), good: false } });
  }

  /** A refused click answers on the same card as it stands now, so the way on stays there. */
  private async refused({ actor, p }: ActionCall, unitId: string, state: UnitCalendarState): Promise<BotReply> {
    const viewed = await this.deps.viewCalendars(actor);
    const calendar = viewed.ok ? viewed.value.find((c) => c.unitId === unitId) : undefined;
    if (!calendar) return noticeReply(p, state.reasonError ?? state.banner?.text ?? p.t('errors.calendar.not_a_lead'), 'Attention');
    return { card: unitCalendarCard(p, calendar, p.directory.casesPerSlotOf(unitId), state) };
  }

  /** The lead is away for a period: their reminders go to the substitute, or the deputies, at once meanwhile. */
  async absence({ actor, p }: Call, from: string, to: string, substitute?: string): Promise<BotReply> {
    const recorded = await this.deps.recordAbsence(actor, from, to, substitute);
    if (!recorded.ok) return noticeReply(p, p.t(`errors.${recorded.error.code}`, { name: substitute ?? '' }), 'Attention');
    const { value } = recorded;
    const toWhom = value.substituteId ? personName(p, value.substituteId) : p.t('reminder.absenceDeputies');
    return noticeReply(p, p.t('reminder.absenceRecorded', { from: formatDate(from, p.locale), to: formatDate(to, p.locale), units: unitNames(p, value.units), toWhom }), 'Good');
  }

  /** Pauses the reminders of the units the person leads, for the period they name. */
  async pause({ actor, p }: Call, from: string, to: string): Promise<BotReply> {
    const paused = await this.deps.pauseReminders(actor, from, to);
    if (!paused.ok) return noticeReply(p, p.t(paused.error.code === 'pause.not_a_lead' ? 'reminder.pauseNotLead' : 'reminder.pauseInvalid'));
    return noticeReply(p, p.t('reminder.paused', { units: unitNames(p, paused.value), from: formatDate(from, p.locale), to: formatDate(to, p.locale) }));
  }
}
