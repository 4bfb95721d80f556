import { effectDone, type Effect, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { retryIfRefusedForNow } from '../workflow/notify-once.js';
import { redrawCards } from '../workflow/redraw-cards.js';
import type { Scheduling } from '../workflow/scheduling.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';
import { announceClosing } from './announce-closing.js';
import { announceReturn, announceUnitProposal } from './announce-decision.js';
import { announceDateMove } from './announce-date-move.js';
import { announceChairHandOver } from './announce-chair-hand-over.js';
import { announceReplacement } from './announce-replacement.js';
import { announceNamedWorker } from './announce-named-worker.js';
import { announceOutcome } from './announce-outcome.js';
import { askForFeedback } from './ask-for-feedback.js';
import { bookChosenSlot } from './book-chosen-slot.js';
import { cancelEvent } from './cancel-event.js';
import { checkResponses } from './check-responses.js';
import { proposeMeetingFor } from './propose-meeting.js';
import { purgeDescription } from './purge-description.js';
import { remindOfFeedback } from './remind-of-feedback.js';
import { remindToAcknowledge } from './remind-to-acknowledge.js';
import { remindToChoose } from './remind-to-choose.js';
import { remindToInvite } from './remind-to-invite.js';
import { remindToName } from './remind-to-name.js';
import { requestApproval } from './request-approval.js';
import { routeToUnits } from './route-to-units.js';
import { sendMeetingDayCard } from './send-meeting-day-card.js';
import { withdrawBooking } from './withdraw-booking.js';

type Handler<K extends Effect['kind']> = (deps: WorkflowDeps, stored: StoredRequest, effect: Extract<Effect, { kind: K }>) => Promise<EffectOutcome>;

interface Job<K extends Effect['kind']> {
  readonly run: Handler<K>;
  /**
   * Redraw every card of the request afterwards. Effects of one request may finish out of order:
   * cards show the request as it is now, so an older effect finishing last cannot put back a
   * button a newer decision took away. Reminders and routine checks change no card.
   */
  readonly redraw: boolean;
}

/** Booking needs Graph; without it the request is routed and no meeting is booked. */
const withScheduling =
  <K extends Effect['kind']>(run: (deps: WorkflowDeps, scheduling: Scheduling, stored: StoredRequest, effect: Extract<Effect, { kind: K }>) => Promise<EffectOutcome>): Handler<K> =>
  async (deps, stored, effect) =>
    deps.scheduling ? run(deps, deps.scheduling, stored, effect) : effectDone;

/** Where every job runs from: one line per effect kind. */
const JOBS: { readonly [K in Effect['kind']]: Job<K> } = {
  approval_requested: { run: (deps, stored) => requestApproval(deps, stored), redraw: true },
  routed: { run: (deps, stored, e) => routeToUnits(deps, stored, e.unitIds, e.actorId), redraw: true },
  returned: { run: (deps, stored) => announceReturn(deps, stored), redraw: true },
  worker_named: { run: (deps, stored, e) => announceNamedWorker(deps, stored, e), redraw: true },
  unit_proposed: { run: (deps, stored, e) => announceUnitProposal(deps, stored, e.unitId), redraw: true },
  cards_changed: { run: async () => effectDone, redraw: true },
  meeting_needed: { run: withScheduling((deps, s, stored, e) => proposeMeetingFor(deps, s, stored, e.round)), redraw: true },
  book: { run: withScheduling((deps, s, stored) => bookChosenSlot(deps, s, stored)), redraw: true },
  cancel_event: { run: withScheduling((deps, s, stored, e) => cancelEvent(deps, s, stored, { ...e, unitId: e.unitId ?? stored.request.sendingUnitId ?? '' })), redraw: true },
  withdraw_booking: { run: withScheduling((deps, s, stored, e) => withdrawBooking(deps, s, stored, e)), redraw: false },
  check_responses: { run: withScheduling((deps, s, stored) => checkResponses(deps, s, stored)), redraw: false },
  ack_reminder: { run: (deps, stored, e) => remindToAcknowledge(deps, stored, e.unitId, e.stage), redraw: false },
  name_reminder: { run: (deps, stored, e) => remindToName(deps, stored, e.unitId, e.stage, e.processingDate), redraw: false },
  chair_handed_over: { run: (deps, stored, e) => announceChairHandOver(deps, stored, e), redraw: true },
  worker_replaced: { run: (deps, stored, e) => announceReplacement(deps, stored, e), redraw: true },
  processing_date_moved: { run: (deps, stored, e) => announceDateMove(deps, stored, e.unitId), redraw: true },
  choose_reminder: { run: (deps, stored, e) => remindToChoose(deps, stored, e.generation, e.stage), redraw: false },
  invite_reminder: { run: (deps, stored, e) => remindToInvite(deps, stored, e.generation), redraw: false },
  meeting_day: { run: (deps, stored, e) => sendMeetingDayCard(deps, stored, e.generation), redraw: false },
  outcome_recorded: { run: (deps, stored, e) => announceOutcome(deps, stored, e.generation), redraw: false },
  feedback_request: { run: (deps, stored, e) => askForFeedback(deps, stored, e.generation), redraw: false },
  feedback_reminder: { run: (deps, stored, e) => remindOfFeedback(deps, stored, e.generation), redraw: false },
  case_closed: { run: (deps, stored) => announceClosing(deps, stored), redraw: false },
  purge_description: { run: (deps, stored) => purgeDescription(deps, stored), redraw: true },
};

export async function runEffect(deps: WorkflowDeps, effect: Effect): Promise<EffectOutcome> {
  const stored = await deps.requests.get(effect.requestId);
  if (!stored) return effectDone;
  const job = JOBS[effect.kind] as Job<typeof effect.kind>;
  const outcome = await (job.run as Handler<Effect['kind']>)(deps, stored, effect);
  if (outcome.ok && job.redraw) retryIfRefusedForNow([await redrawCards(deps, effect.requestId)]);
  return outcome;
}
