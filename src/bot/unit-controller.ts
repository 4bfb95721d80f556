import type { Actor } from '../app/ports.js';
import type { LinkError } from '../app/units/link-channel.js';
import type { PauseError } from '../app/units/pause-reminders.js';
import type { SeriesError, SeriesSent } from '../app/units/send-standing-series.js';
import type { Result } from '../domain/result.js';
import type { Presentation } from '../i18n/presentation.js';
import { formatDate } from './cards/formatting.js';
import { unitName } from './cards/presentation.js';
import { channelHelp, noticeReply } from './replies.js';
import type { BotReply, Call } from './turn.js';

export interface UnitControllerDeps {
  readonly pauseReminders: (actor: Actor, from: string, to: string) => Promise<Result<string[], PauseError>>;
  readonly sendStandingSeries: (actor: Actor) => Promise<Result<SeriesSent[], SeriesError>>;
  readonly linkChannel: (actor: Actor, channelId: string) => Promise<Result<string[], LinkError>>;
  readonly unlinkChannel: (actor: Actor, channelId: string) => Promise<Result<string[], LinkError>>;
}

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

  /** Pauses the reminders of the units the person leads, for the period they name. */
  async pause({ actor, p }: Call, from: string, to: string): Promise<BotReply> {
    const paused = await this.deps.pauseReminders(actor, from, to);
    if (!paused.ok) return noticeReply(p, p.t(paused.error.code === 'pause.not_a_lead' ? 'reminder.pauseNotLead' : 'reminder.pauseInvalid'));
    return noticeReply(p, p.t('reminder.paused', { units: unitNames(p, paused.value), from: formatDate(from, p.locale), to: formatDate(to, p.locale) }));
  }
}
