/**
 * The action verbs shared by the card templates and the bot's router. A card names the verb
 * and opaque ids only: never any text the worker typed.
 */
export const Verb = {
  newRequest: 'request.new',
  myRequests: 'request.list',
  help: 'help.show',
  setLanguage: 'language.set',
  saveDraft: 'request.save',
  submitRequest: 'request.submit',
  openRequest: 'request.open',
  deleteDraft: 'request.delete',
  approve: 'request.approve',
  returnToWorker: 'request.return',
  withdraw: 'request.withdraw',
  acknowledge: 'request.acknowledge',
  nameWorker: 'request.nameWorker',
  moveProcessingDate: 'request.moveProcessingDate',
  /** Asks first; confirmed, the unit's named worker is replaced (the new one reads the description). */
  replaceWorker: 'request.replaceWorker',
  /** Asks first; confirmed, the chair passes to another worker of the sending unit. */
  handOverChair: 'request.handOverChair',
  viewRequest: 'request.view',
  /** From the caseload list: posts the case card afresh at the bottom of the chat, in the reader's view for their part. */
  openCase: 'case.open',
  /** A case card too full to hold the description in Teams' size limit links to it on a card of its own. */
  showDescription: 'case.description',
  proposeUnit: 'request.proposeUnit',
  acceptProposal: 'request.acceptProposal',
  rejectProposal: 'request.rejectProposal',
  chooseSlot: 'request.chooseSlot',
  reschedule: 'request.reschedule',
  cancelMeeting: 'request.cancelMeeting',
  newTimes: 'request.newTimes',
  otherTimes: 'request.otherTimes',
  wholeSlot: 'request.wholeSlot',
  openMeetingRecord: 'meeting.open',
  recordMeeting: 'meeting.record',
  reconvene: 'request.reconvene',
  closeCase: 'request.close',
  openFeedback: 'feedback.open',
  giveFeedback: 'feedback.submit',
  /** A supervisor takes an occurrence of the unit's Yhteistyöaika out of use, with the reason typed on the card. */
  blockOccurrence: 'unit.blockOccurrence',
  unblockOccurrence: 'unit.unblockOccurrence',
} as const;

export type Verb = (typeof Verb)[keyof typeof Verb];
