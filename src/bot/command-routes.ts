import { Verb } from '../../cards/verbs.js';
import type { AuditTrailController } from './audit-trail-controller.js';
import type { BookingController } from './booking-controller.js';
import type { CaseloadController } from './caseload-controller.js';
import { formatDateTime } from './cards/formatting.js';
import type { FollowUpController } from './follow-up-controller.js';
import type { IntakeController } from './intake-controller.js';
import { channelHelp } from './replies.js';
import type { ReportController } from './report-controller.js';
import type { RoutingController } from './routing-controller.js';
import type { TextCommand, TextCommandName } from './text-commands.js';
import type { ActionCall, BotReply, Call } from './turn.js';
import type { UnitController } from './unit-controller.js';

export interface Controllers {
  readonly intake: IntakeController;
  readonly caseload: CaseloadController;
  readonly routing: RoutingController;
  readonly booking: BookingController;
  readonly followUp: FollowUpController;
  readonly units: UnitController;
  readonly reports: ReportController;
  readonly auditTrail: AuditTrailController;
  /** Local runs only: "kello +2" moves the bot's clock forward two days. */
  readonly moveClock?: ((ms: number) => Promise<Date>) | undefined;
}

/** A chat message may be answered with several messages (a report is a card per unit). */
export type Replies = BotReply | readonly BotReply[];

interface VerbRoute {
  readonly run: (c: Controllers, action: ActionCall) => Promise<BotReply> | BotReply;
  /** Descriptions are written and read only in a personal chat. */
  readonly personalOnly?: boolean;
  /** Where the card must survive a failure, the answer then; otherwise the user is told it did not work. */
  readonly failed?: (c: Controllers, action: ActionCall) => BotReply | undefined;
}

type TextRoute<N extends TextCommandName> = (c: Controllers, call: Call, command: TextCommand<N>) => Promise<Replies> | Replies;

const personal = (run: VerbRoute['run']): VerbRoute => ({ run, personalOnly: true });
/** The form's own buttons: a store outage gives the form back with everything typed. */
const form = (run: VerbRoute['run']): VerbRoute => ({ run, personalOnly: true, failed: (c, action) => c.intake.formFailure(action) });

/** Every verb a card can send, and who answers it: a verb without a handler does not compile. */
const VERB_ROUTES: { readonly [V in Verb]: VerbRoute } = {
  [Verb.newRequest]: personal((c, action) => c.intake.newRequest(action)),
  [Verb.myRequests]: personal((c, action) => c.intake.myRequests(action)),
  [Verb.help]: personal((c, action) => c.intake.help(action)),
  [Verb.setLanguage]: personal((c, action) => c.intake.setLanguage(action)),
  [Verb.saveDraft]: form((c, action) => c.intake.saveDraft(action)),
  [Verb.submitRequest]: form((c, action) => c.intake.submitRequest(action)),
  [Verb.openRequest]: personal((c, action) => c.intake.open(action)),
  [Verb.deleteDraft]: personal((c, action) => c.intake.deleteDraft(action)),
  [Verb.approve]: { run: (c, action) => c.routing.approve(action) },
  [Verb.returnToWorker]: { run: (c, action) => c.routing.returnToWorker(action) },
  [Verb.withdraw]: { run: (c, action) => c.routing.withdraw(action) },
  [Verb.acknowledge]: { run: (c, action) => c.routing.acknowledge(action) },
  [Verb.nameWorker]: { run: (c, action) => c.routing.nameWorker(action) },
  [Verb.moveProcessingDate]: { run: (c, action) => c.routing.moveProcessingDate(action) },
  [Verb.replaceWorker]: { run: (c, action) => c.routing.replaceWorker(action) },
  [Verb.handOverChair]: { run: (c, action) => c.routing.handOverChair(action) },
  [Verb.viewRequest]: { run: (c, action) => c.routing.view(action) },
  [Verb.showDescription]: { run: (c, action) => c.routing.description(action) },
  // A personal chat's card: it is posted into the clicker's own chat with the bot.
  [Verb.openCase]: personal((c, action) => c.caseload.openCase(action)),
  [Verb.proposeUnit]: { run: (c, action) => c.routing.proposeUnit(action) },
  [Verb.acceptProposal]: { run: (c, action) => c.routing.decideProposal(action, true) },
  [Verb.rejectProposal]: { run: (c, action) => c.routing.decideProposal(action, false) },
  [Verb.chooseSlot]: { run: (c, action) => c.booking.chooseSlot(action) },
  [Verb.reschedule]: { run: (c, action) => c.booking.reschedule(action) },
  [Verb.cancelMeeting]: { run: (c, action) => c.booking.cancel(action) },
  [Verb.newTimes]: { run: (c, action) => c.booking.newTimes(action) },
  [Verb.otherTimes]: { run: (c, action) => c.booking.otherTimes(action) },
  [Verb.wholeSlot]: { run: (c, action) => c.booking.wholeSlot(action) },
  [Verb.openMeetingRecord]: { run: (c, action) => c.followUp.openMeetingRecord(action) },
  [Verb.recordMeeting]: { run: (c, action) => c.followUp.recordMeeting(action) },
  [Verb.reconvene]: { run: (c, action) => c.followUp.reconvene(action) },
  [Verb.closeCase]: { run: (c, action) => c.followUp.closeCase(action) },
  [Verb.openFeedback]: { run: (c, action) => c.followUp.openFeedback(action) },
  [Verb.giveFeedback]: { run: (c, action) => c.followUp.giveFeedback(action) },
  [Verb.blockOccurrence]: personal((c, action) => c.units.block(action)),
  [Verb.unblockOccurrence]: personal((c, action) => c.units.unblock(action)),
};

/** The verbs the router answers, for the test that holds the templates, `Verb` and this table together. */
export const ROUTED_VERBS: readonly string[] = Object.keys(VERB_ROUTES);

/** The route of a verb off the wire: only the table's own keys, never what an object inherits (`constructor`). */
export function verbRouteOf(verb: string): VerbRoute | undefined {
  return Object.hasOwn(VERB_ROUTES, verb) ? VERB_ROUTES[verb as Verb] : undefined;
}

async function clockMoved(moveClock: (ms: number) => Promise<Date>, { p }: Call, ms: number): Promise<BotReply> {
  const now = await moveClock(ms);
  return { message: p.t('devClock.moved', { time: formatDateTime(now.toISOString(), p.locale) }) };
}

/** Every command a chat message can be, and who answers it. */
const TEXT_ROUTES: { readonly [N in TextCommandName]: TextRoute<N> } = {
  welcome: (c, call) => c.intake.welcome(call),
  newRequest: (c, call) => c.intake.newRequest(call),
  myRequests: (c, call) => c.intake.myRequests(call),
  help: (c, call) => c.intake.help(call),
  language: (c, call, { locale }) => c.intake.chooseLanguage(call, locale),
  sendSeries: (c, call) => c.units.sendSeries(call),
  unitCalendar: (c, call) => c.units.calendars(call),
  pause: (c, call, { from, to }) => c.units.pause(call, from, to),
  absence: (c, call, { from, to, substitute }) => c.units.absence(call, from, to, substitute),
  report: (c, call, { format }) => (format === 'csv' ? c.reports.csvLink(call) : c.reports.cards(call)),
  // Only local runs can move time; elsewhere "kello +3" is just a greeting.
  moveClock: (c, call, { ms }) => (c.moveClock ? clockMoved(c.moveClock, call, ms) : c.intake.welcome(call)),
  link: (c, call, { unlink }) => c.units.link(call, unlink),
  auditTrail: async (c, call, { text }) => {
    const card = await c.auditTrail.reply(call.actor, text, call.p);
    return card ? { card } : c.intake.welcome(call);
  },
  channelHelp: (_c, { p }) => channelHelp(p),
  notUnderstood: (c, call) => c.intake.notUnderstood(call),
};

export function runTextCommand<N extends TextCommandName>(c: Controllers, call: Call, command: TextCommand<N>): Promise<Replies> | Replies {
  const route: TextRoute<N> = TEXT_ROUTES[command.name];
  return route(c, call, command);
}
