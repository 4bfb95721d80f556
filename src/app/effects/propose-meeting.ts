import { everyWorkerNamed } from '../../domain/collaboration/decisions.js';
import { participantsOf } from '../../domain/collaboration/follow-up.js';
import { proposeMeeting } from '../../domain/collaboration/meeting.js';
import type { SkippedOccurrence } from '../../domain/collaboration/meeting-plan.js';
import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import { err, ok } from '../../domain/result.js';
import { countyInstant, plusDays } from '../../domain/slots/calendar-days.js';
import type { SkippedSlot } from '../../domain/slots/slot-finder.js';
import { effectDone, type EffectOutcome } from '../effect.js';
import type { StoredRequest } from '../ports.js';
import { applyDecision } from '../workflow/apply-decision.js';
import { BOT_ACTOR } from '../workflow/bot-actor.js';
import { notifyOnce } from '../workflow/notify-once.js';
import { participantsByMailbox } from '../workflow/organizer.js';
import { choiceReminder } from '../workflow/reminder-schedule.js';
import type { Scheduling } from '../workflow/scheduling.js';
import type { WorkflowDeps } from '../workflow/workflow-deps.js';

/** How far ahead free/busy is asked: the finder's horizon of half a year. */
const SEARCH_DAYS = 190;

function explain(skipped: SkippedSlot): SkippedOccurrence {
  const { reason } = skipped;
  return {
    date: skipped.date,
    kind: reason.kind,
    holiday: reason.kind === 'holiday' ? reason.name : undefined,
    busyPeople: reason.kind === 'busy' ? reason.personIds : undefined,
  };
}

/** A first round once every worker is named; another for a move, new times, a whole slot or re-convening. */
function wantsProposals(request: CollaborationRequest): boolean {
  const again =
    request.status === 'booked' ||
    request.status === 'follow_up' ||
    request.status === 'held' ||
    (request.status === 'meeting_proposed' && !request.meeting?.chosen);
  return again || (request.status === 'routed' && everyWorkerNamed(request));
}

/**
 * The next free Yhteistyöaika and two alternatives, from the participants' calendars and the
 * bookings already made, go to the sending and named workers.
 */
export async function proposeMeetingFor(deps: WorkflowDeps, scheduling: Scheduling, stored: StoredRequest, round?: string): Promise<EffectOutcome> {
  const { request } = stored;
  const participants = participantsOf(request);
  // This ask's proposals were stored by an earlier run that died before telling everyone: tell, do not ask again.
  if (round !== undefined && request.meeting?.round === round) return announceProposals(deps, stored, participants);
  if (!wantsProposals(request)) return effectDone;
  // Proposals are made once the last worker is named (or later, for a move or new times), so
  // counting the preparation days from now also counts them from the naming.
  const earliest = scheduling.finder.earliestAfterNaming(deps.clock.now(), scheduling.leadWorkingDays);
  const until = plusDays(earliest, SEARCH_DAYS);
  const mailboxOf = participantsByMailbox(deps, participants);
  const [fromIso, toIso] = [countyInstant(earliest, '00:00').toISOString(), countyInstant(until, '00:00').toISOString()];
  const busy = (await scheduling.calendar.getBusyTimes([...mailboxOf.keys()], fromIso, toIso))
    // The standing Yhteistyöaika hold fills everyone's calendar at exactly these times: it is the
    // slot itself, not a reason the person cannot come.
    .filter((b) => b.status !== 'workingElsewhere' && b.subject !== scheduling.seriesTexts.subject)
    .map((b) => ({ personId: mailboxOf.get(b.mailbox.toLowerCase()) ?? b.mailbox, start: new Date(b.startIso), end: new Date(b.endIso) }));
  // Cases of any unit already holding a participant then: a calendar may not show them yet.
  const held = (await scheduling.reservations.peopleHeld(participants, fromIso, toIso, request.id)).map((h) => ({ personId: h.personId, start: new Date(h.start), end: new Date(h.end) }));
  const directory = deps.directory.current();
  const unitId = directory.yhteistyoaikaUnitOf(request.sendingUnitId ?? '');
  const casesPerSlot = directory.casesPerSlotOf(unitId);
  const search = scheduling.finder.find({
    earliest,
    participants,
    unitIds: [request.sendingUnitId ?? '', ...request.collaborationUnitIds],
    busy: [...busy, ...held],
    booked: await scheduling.reservations.bookedBetween(unitId, earliest, until),
    casesPerSlot,
    blocked: [...(await scheduling.blocks.between(unitId, earliest, until)).keys()],
    wholeSlot: request.meeting?.wholeSlot ?? false,
    wanted: scheduling.proposals,
  });
  if (search.free.length === 0) {
    await notifyOnce(deps, stored, `no-free-slot-${request.id}-v${request.version}`, [request.ownerId], (to) => ({ kind: 'no_free_slot', to }));
    return effectDone;
  }
  const proposals = search.free.map((f) => ({ date: f.date, start: f.start.toISOString(), end: f.end.toISOString(), caseIndexes: f.caseIndexes, unitId, parts: f.parts }));
  const lastOffered = proposals.at(-1)!.date;
  const skipped = search.skipped.filter((s) => s.date <= lastOffered).map(explain);
  const proposed = await applyDecision(deps, BOT_ACTOR, request.id, {
    action: 'request.meeting_proposed',
    // Taken on what Graph's free/busy said, as a booking is: jobs keep the lock, which no click waits on.
    exclusive: true,
    decide: (current, at) => {
      const next = proposeMeeting(current.request, proposals, skipped, at, round);
      return next.ok ? ok({ ...current, request: next.value }) : next;
    },
    effects: ({ request: next }) => [choiceReminder(deps, next, 1)],
  });
  if (!proposed.ok) return proposed.error.code === 'request.busy' ? err({ kind: 'transient', code: 'request.busy' }) : effectDone;
  return announceProposals(deps, proposed.value, participants);
}

async function announceProposals(deps: WorkflowDeps, stored: StoredRequest, participants: readonly string[]): Promise<EffectOutcome> {
  const { request } = stored;
  await notifyOnce(deps, stored, `proposed-times-${request.id}-g${request.meeting!.generation}`, participants, (to) => ({ kind: 'meeting_proposed', to }));
  return effectDone;
}
