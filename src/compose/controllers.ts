import { makeAskNewTimes, makeAskOtherProposals, makeRescheduleMeeting } from '../app/booking/ask-for-proposals.js';
import { makeAskWholeSlot } from '../app/booking/ask-whole-slot.js';
import { makeCancelMeeting } from '../app/booking/cancel-meeting.js';
import { makeChooseMeetingSlot } from '../app/booking/choose-meeting-slot.js';
import { makeCloseCase } from '../app/follow-up/close-case.js';
import { makeGiveFeedback } from '../app/follow-up/give-feedback.js';
import { makeOpenFeedback } from '../app/follow-up/open-feedback.js';
import { makeOpenMeetingRecord } from '../app/follow-up/open-meeting-record.js';
import { makeReconvene } from '../app/follow-up/reconvene.js';
import { makeRecordOutcome } from '../app/follow-up/record-outcome.js';
import { makeDeleteDraft } from '../app/intake/delete-draft.js';
import { makeOpenRequest } from '../app/intake/open-request.js';
import { makeSaveDraft } from '../app/intake/save-draft.js';
import { makeSubmitRequest } from '../app/intake/submit-request.js';
import { makeListCaseload } from '../app/caseload/list-caseload.js';
import { makeAcknowledgeRequest } from '../app/routing/acknowledge-request.js';
import { makeApproveRequest } from '../app/routing/approve-request.js';
import { makeDecideProposal } from '../app/routing/decide-proposal.js';
import { makeNameWorker } from '../app/routing/name-worker.js';
import { makeProposeUnit } from '../app/routing/propose-unit.js';
import { makeReturnRequest } from '../app/routing/return-request.js';
import { makeViewRequest } from '../app/routing/view-request.js';
import { makeWithdrawRequest } from '../app/routing/withdraw-request.js';
import { makeLinkChannel, makeUnlinkChannel } from '../app/units/link-channel.js';
import { makePauseReminders } from '../app/units/pause-reminders.js';
import { makeRecordAbsence } from '../app/units/record-absence.js';
import { makeMoveProcessingDate } from '../app/routing/move-processing-date.js';
import { makeReplaceNamedWorker } from '../app/routing/replace-named-worker.js';
import { makeHandOverChair } from '../app/routing/hand-over-chair.js';
import { makeBlockOccurrence, makeUnblockOccurrence, makeViewUnitCalendars } from '../app/units/unit-yhteistyoaika.js';
import { makeSendStandingSeries } from '../app/units/send-standing-series.js';
import { BookingController } from '../bot/booking-controller.js';
import { CaseReopener } from '../bot/case-reopener.js';
import { CaseloadController } from '../bot/caseload-controller.js';
import { FollowUpController } from '../bot/follow-up-controller.js';
import { IntakeController } from '../bot/intake-controller.js';
import { RoutingController } from '../bot/routing-controller.js';
import { UnitController } from '../bot/unit-controller.js';
import type { Services } from './services.js';

/** Each controller gets the use cases of its part of the process, made from the shared dependencies. */
export function composeControllers({ intake, workflow, preferences, presentations, directory, clock, ids, sender, memory, trackedCards, log }: Services) {
  return {
    caseload: new CaseloadController({
      viewRequest: makeViewRequest(workflow),
      reopener: new CaseReopener({ sender, memory, cards: trackedCards, log }),
      directory,
      clock,
    }),
    intake: new IntakeController({
      saveDraft: makeSaveDraft(intake),
      submitRequest: makeSubmitRequest(intake),
      openRequest: makeOpenRequest(intake),
      deleteDraft: makeDeleteDraft(intake),
      listCaseload: makeListCaseload(workflow),
      preferences,
      presentations,
      clock,
      ids,
    }),
    routing: new RoutingController({
      approveRequest: makeApproveRequest(workflow),
      returnRequest: makeReturnRequest(workflow),
      withdrawRequest: makeWithdrawRequest(workflow),
      acknowledgeRequest: makeAcknowledgeRequest(workflow),
      nameWorker: makeNameWorker(workflow),
      moveProcessingDate: makeMoveProcessingDate(workflow),
      replaceNamedWorker: makeReplaceNamedWorker(workflow),
      handOverChair: makeHandOverChair(workflow),
      viewRequest: makeViewRequest(workflow),
      proposeUnit: makeProposeUnit(workflow),
      decideProposal: makeDecideProposal(workflow),
      directory,
      clock,
    }),
    booking: new BookingController({
      chooseSlot: makeChooseMeetingSlot(workflow),
      viewRequest: makeViewRequest(workflow),
      rescheduleMeeting: makeRescheduleMeeting(workflow),
      cancelMeeting: makeCancelMeeting(workflow),
      askNewTimes: makeAskNewTimes(workflow),
      askOtherProposals: makeAskOtherProposals(workflow),
      askWholeSlot: makeAskWholeSlot(workflow),
      clock,
    }),
    followUp: new FollowUpController({
      openMeetingRecord: makeOpenMeetingRecord(workflow),
      recordOutcome: makeRecordOutcome(workflow),
      reconvene: makeReconvene(workflow),
      closeCase: makeCloseCase(workflow),
      viewRequest: makeViewRequest(workflow),
      openFeedback: makeOpenFeedback(workflow),
      giveFeedback: makeGiveFeedback(workflow),
      questionnaire: workflow.followUp.questionnaire,
      clock,
    }),
    units: new UnitController({
      sendStandingSeries: makeSendStandingSeries(workflow),
      pauseReminders: makePauseReminders(workflow),
      linkChannel: makeLinkChannel(workflow),
      unlinkChannel: makeUnlinkChannel(workflow),
      viewCalendars: makeViewUnitCalendars(workflow),
      recordAbsence: makeRecordAbsence(workflow),
      blockOccurrence: makeBlockOccurrence(workflow),
      unblockOccurrence: makeUnblockOccurrence(workflow),
    }),
  };
}
