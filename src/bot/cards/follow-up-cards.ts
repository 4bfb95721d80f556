import type { StoredRequest } from '../../app/ports.js';
import { participantsOf, responsibleWorkerChoices } from '../../domain/collaboration/follow-up.js';
import { CLIENT_PRESENCE } from '../../domain/collaboration/meeting-plan.js';
import { isFinished } from '../../domain/collaboration/request.js';
import { LIKERT_MAX, LIKERT_MIN, type FeedbackAnswer, type Questionnaire } from '../../domain/feedback/feedback.js';
import type { Presentation } from '../../i18n/presentation.js';
import { renderCard, type AdaptiveCard } from './card-templates.js';
import { formatDate, formatTime } from './formatting.js';
import { personName, type BannerStyle } from './presentation.js';

type Banner = { readonly text: string; readonly style: BannerStyle } | undefined;

/** Many choices read better as a dropdown with search than as a long list of radio buttons. */
const LIST_UP_TO = 6;

/** The meeting-day card's inputs, as the chair left them: nothing is chosen for them. */
export const MEETING_DAY_INPUTS = ['consent', 'attendeeIds', 'clientPresence', 'responsibleWorkerId', 'nextMeetingDate', 'consentValidUntil'] as const;
export type MeetingDayInputs = Partial<Record<(typeof MEETING_DAY_INPUTS)[number], string>>;

export interface MeetingDayState {
  readonly typed?: MeetingDayInputs | undefined;
  readonly fieldErrors?: MeetingDayInputs | undefined;
}

const valuesOf = (values: MeetingDayInputs | undefined) => Object.fromEntries(MEETING_DAY_INPUTS.map((key) => [key, values?.[key] ?? '']));

/**
 * The chair's record of the meeting: consent as a fact, attendance, the omatyöntekijä and what
 * follows. It starts empty: consent, who attended, how the client took part and the
 * omatyöntekijä are facts the chair states, never defaults.
 */
export function meetingDayCard(p: Presentation, { request }: StoredRequest, banner?: Banner, state: MeetingDayState = {}): AdaptiveCard {
  const { t, locale } = p;
  const slot = request.meeting?.booked?.slot;
  const responsibles = responsibleWorkerChoices(p.directory, request);
  const participants = participantsOf(request);
  return renderCard('meetingDay', {
    t: Object.fromEntries(
      ['consentLabel', 'consentGiven', 'consentNotGiven', 'attendeesLabel', 'clientLabel', 'responsibleLabel', 'responsibleHint', 'nextMeetingLabel', 'consentValidLabel', 'save'].map(
        (key) => [key, t(`meetingDay.${key}`)],
      ),
    ),
    title: t('meetingDay.title', { reference: request.reference ?? '' }),
    banner: banner ?? { text: '', style: 'default' },
    intro: t('meetingDay.intro'),
    when: slot ? t('meeting.when', { date: formatDate(slot.date, locale), from: formatTime(slot.start, locale), to: formatTime(slot.end, locale) }) : '',
    requestId: request.id,
    meetingDate: slot?.date ?? '',
    attendees: participants.map((id) => ({ title: personName(p, id), value: id })),
    typed: valuesOf(state.typed),
    errors: valuesOf(state.fieldErrors),
    v: Object.fromEntries(['consentRequired', 'attendeesRequired', 'presenceRequired', 'dateBeforeMeeting'].map((key) => [key, t(`validation.${key}`)])),
    presences: CLIENT_PRESENCE.map((value) => ({ title: t(`meetingDay.${value}`), value })),
    responsibles: responsibles.map((id) => ({ title: personName(p, id), value: id })),
    responsibleStyle: responsibles.length > LIST_UP_TO ? 'filtered' : 'expanded',
  });
}

export interface FeedbackCardInput {
  readonly generation: number;
  /** The chair also records the client's own rating. */
  readonly asChair: boolean;
  readonly own?: FeedbackAnswer | undefined;
  readonly clientRating?: number | undefined;
  /** Words in the comment that may be names: the person confirms they are not the client's. */
  readonly nameHints?: readonly string[] | undefined;
  readonly banner?: Banner;
}

function scale(p: Presentation): { title: string; value: string }[] {
  const choices: { title: string; value: string }[] = [];
  for (let score = LIKERT_MIN; score <= LIKERT_MAX; score++) {
    const anchor = score === LIKERT_MIN ? ` – ${p.t('feedback.scaleLow')}` : score === LIKERT_MAX ? ` – ${p.t('feedback.scaleHigh')}` : '';
    choices.push({ title: `${score}${anchor}`, value: String(score) });
  }
  return choices;
}

/**
 * Forms-style feedback: the county's Likert questions, a comment, and for the chair the client's
 * rating. Once the case is closed or withdrawn the card says feedback is over and has no submit
 * button; the questions stay only to show what the person had just typed.
 */
export function feedbackCard(p: Presentation, { request }: StoredRequest, questionnaire: Questionnaire, input: FeedbackCardInput): AdaptiveCard {
  const { t, locale } = p;
  const choices = scale(p);
  const open = !isFinished(request);
  return renderCard('feedback', {
    open,
    showInputs: open || input.own !== undefined,
    // A refusal's banner already says why, on the card the person clicked.
    closedText: open || input.banner?.text ? '' : t(`feedback.ended.${request.status === 'withdrawn' ? 'withdrawn' : 'closed'}`),
    t: Object.fromEntries(['commentLabel', 'clientHint', 'confirmNames', 'submit'].map((key) => [key, t(`feedback.${key}`)])),
    title: t('feedback.title', { reference: request.reference ?? '' }),
    banner: input.banner ?? { text: '', style: 'default' },
    intro: t('feedback.intro'),
    questions: questionnaire.questions.map((q) => ({ id: `q_${q.id}`, text: q.text[locale], value: String(input.own?.scores[q.id] ?? ''), choices })),
    comment: input.own?.comment ?? '',
    confirmNames: (input.nameHints ?? []).length > 0,
    showClient: input.asChair,
    clientQuestion: questionnaire.clientQuestion[locale],
    clientValue: input.clientRating === undefined ? '' : String(input.clientRating),
    clientChoices: choices,
    requestId: request.id,
    generation: String(input.generation),
  });
}
