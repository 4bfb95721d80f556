/** One Yhteistyöaika a meeting may take: a date, its time, and the parts of the occurrence. */
export interface ProposedSlot {
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly caseIndexes: readonly number[];
  /**
   * Whose Yhteistyöaika it is, and how many parts its occurrence had when proposed. Absent on times
   * proposed before every unit held its own: those were the sending unit's, in two parts.
   */
  readonly unitId?: string | undefined;
  readonly parts?: number | undefined;
}

/** Why an occurrence was passed over, kept so every reader's card can explain it in their language. */
export interface SkippedOccurrence {
  readonly date: string;
  readonly kind: 'holiday' | 'blackout' | 'full' | 'busy';
  readonly holiday?: string | undefined;
  readonly busyPeople?: readonly string[] | undefined;
}

export interface BookedMeeting {
  readonly slot: ProposedSlot;
  readonly eventId: string;
  readonly joinUrl: string;
  readonly bookedAt: string;
  /** Whose calendar holds the event: it stays theirs when the chair is handed over (Graph cannot change an organizer). Absent on bookings before hand-overs. */
  readonly organizer?: string | undefined;
}

/**
 * The meeting of a request. `generation` counts proposal rounds, so a calendar event created for
 * one round can never be mistaken for another's.
 */
export interface MeetingPlan {
  readonly generation: number;
  /** The ask these proposals answer (its key), so the job that made them, run again after a crash, does not make another round. */
  readonly round?: string | undefined;
  /** The case needs the whole occurrence (all its parts), as the chair asked. */
  readonly wholeSlot?: boolean | undefined;
  readonly proposals: readonly ProposedSlot[];
  readonly skipped: readonly SkippedOccurrence[];
  readonly chosen?: (ProposedSlot & { readonly by: string; readonly at: string }) | undefined;
  readonly booked?: BookedMeeting | undefined;
  /** Participants who declined the booked meeting and of whom the chair has been told. */
  readonly declined?: readonly string[] | undefined;
}

/** Where the client took part from; the chair records it, nothing about what was said. */
export const CLIENT_PRESENCE = ['absent', 'in_person', 'remote'] as const;
export type ClientPresence = (typeof CLIENT_PRESENCE)[number];

/**
 * What the chair records of a held meeting. Consent is a fact (asked and given or not, by whom
 * and when); the omatyöntekijä carries the case after the meeting.
 */
export interface MeetingOutcome {
  readonly generation: number;
  readonly date: string;
  readonly consent: 'given' | 'not_given';
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly attendeeIds: readonly string[];
  readonly clientPresence: ClientPresence;
  readonly responsibleWorkerId?: string | undefined;
  readonly nextMeetingDate?: string | undefined;
  /** The seed's practice: consent to exchange information lasts until the next network meeting. */
  readonly consentValidUntil?: string | undefined;
}
