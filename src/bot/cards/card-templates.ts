import { Template } from 'adaptivecards-templating';
import auditTrail from '../../../cards/audit-trail.json';
import caseNote from '../../../cards/case-note.json';
import caseReopened from '../../../cards/case-reopened.json';
import confirm from '../../../cards/confirm.json';
import feedback from '../../../cards/feedback.json';
import help from '../../../cards/help.json';
import meetingDay from '../../../cards/meeting-day.json';
import myRequests from '../../../cards/my-requests.json';
import notice from '../../../cards/notice.json';
import report from '../../../cards/report.json';
import requestCase from '../../../cards/request-case.json';
import requestDescription from '../../../cards/request-description.json';
import requestForm from '../../../cards/request-form.json';
import requestSent from '../../../cards/request-sent.json';
import unitCalendar from '../../../cards/unit-calendar.json';
import welcome from '../../../cards/welcome.json';

/** An Adaptive Card as sent to Teams: plain JSON. */
export type AdaptiveCard = Record<string, unknown>;

const templates = {
  auditTrail,
  caseNote,
  caseReopened,
  confirm,
  feedback,
  help,
  meetingDay,
  myRequests,
  notice,
  report,
  requestCase,
  requestDescription,
  requestForm,
  requestSent,
  unitCalendar,
  welcome,
} as const;

export type CardName = keyof typeof templates;

const compiled = new Map<CardName, Template>(
  (Object.keys(templates) as CardName[]).map((name) => [name, new Template(templates[name])]),
);

/** Expands a template on the server: Teams' own date and text functions do not localize reliably. */
export function renderCard(name: CardName, data: object): AdaptiveCard {
  const card = compiled.get(name)!.expand({ $root: data }) as AdaptiveCard;
  // A `$when` that fails on a card-level property (refresh) leaves a null that clients need not see.
  for (const [key, value] of Object.entries(card)) if (value === null) delete card[key];
  return card;
}
