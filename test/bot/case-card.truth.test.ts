import { describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { caseCard, type CaseView } from '../../src/bot/cards/case-cards.js';
import { translator } from '../../src/i18n/translator.js';
import { actionVerbs, texts, type Card } from '../support/bot-harness.js';
import { fiPattern, fiText } from '../support/catalog-text.js';
import { DESCRIBED, PEOPLE, REFERENCE, requestAt, type Stage } from '../support/app-requests.js';
import { directory } from '../support/people.js';

const p = { t: translator('fi'), locale: 'fi' as const, directory };
const STAGES: readonly Stage[] = ['submitted', 'returned', 'routed', 'acknowledged', 'named', 'proposed', 'chosen', 'booked', 'held', 'follow_up', 'closed', 'withdrawn'];
const VIEWS: Record<string, CaseView> = {
  chair: { kind: 'status', viewerId: PEOPLE.worker },
  approver: { kind: 'approval', viewerId: PEOPLE.supervisor },
  channel: { kind: 'receiving', unitId: 'lastenpsykiatria', mention: true },
  lead: { kind: 'receiving', unitId: 'lastenpsykiatria', viewerId: PEOPLE.psychiatryLead },
  named: { kind: 'named', viewerId: PEOPLE.psychiatryMember, unitId: 'lastenpsykiatria' },
};

function render(stage: Stage, view: CaseView) {
  const request = requestAt(stage);
  const card = caseCard(p, { request, description: DESCRIBED }, view, { today: '2026-12-09' }) as Card;
  return { request, lines: texts(card), verbs: actionVerbs(card) };
}

/**
 * Every instruction a case card can give, and the states it is true in. The card is drawn for
 * every state and every viewer; a line or a button outside its states fails the test.
 */
const INSTRUCTIONS: readonly { what: string; shown: (r: ReturnType<typeof render>) => boolean; trueIn: (r: ReturnType<typeof render>) => boolean }[] = [
  {
    what: 'the "for approval" heading',
    shown: ({ lines }) => lines.some((l) => l === fiText('case.approvalTitle', { reference: REFERENCE })),
    trueIn: ({ request }) => request.status === 'submitted',
  },
  {
    what: 'the channel asked to acknowledge',
    shown: ({ lines }) => lines.some((l) => fiPattern('case.mentionLine').test(l)),
    trueIn: ({ request }) => request.status === 'routed' && request.units.some((u) => u.unitId === 'lastenpsykiatria' && u.status === 'awaiting_acknowledgement'),
  },
  {
    what: 'the note that the unit must handle the request and name a worker',
    shown: ({ lines }) => lines.some((l) => l.includes(fiText('case.bindingNote'))),
    trueIn: ({ request }) => request.status === 'routed' && request.units.some((u) => u.unitId === 'lastenpsykiatria' && u.status !== 'worker_named'),
  },
  {
    what: 'the named worker told to agree a meeting',
    shown: ({ lines }) => lines.some((l) => l.includes(fiText('case.namedNote'))),
    trueIn: ({ request }) => request.status === 'routed' || request.status === 'meeting_proposed',
  },
  {
    what: 'a unit said to await acknowledgement',
    shown: ({ lines }) => lines.some((l) => l.endsWith(`: ${fiText('case.unitAwaiting')}`)),
    trueIn: ({ request }) => request.status === 'routed' || request.status === 'submitted',
  },
  {
    what: 'the approve button',
    shown: ({ verbs }) => verbs.includes(Verb.approve),
    trueIn: ({ request }) => request.status === 'submitted',
  },
  {
    what: 'the acknowledge button',
    shown: ({ verbs }) => verbs.includes(Verb.acknowledge),
    trueIn: ({ request }) => request.status === 'routed',
  },
  {
    what: 'the withdraw button',
    shown: ({ verbs }) => verbs.includes(Verb.withdraw),
    trueIn: ({ request }) => ['submitted', 'returned', 'routed'].includes(request.status),
  },
  {
    what: 'a time to choose',
    shown: ({ verbs }) => verbs.includes(Verb.chooseSlot),
    trueIn: ({ request }) => request.status === 'meeting_proposed' && !request.meeting?.chosen,
  },
  {
    what: 'the join link and meeting buttons',
    shown: ({ verbs }) => verbs.includes(Verb.cancelMeeting) || verbs.includes(Verb.reschedule),
    trueIn: ({ request }) => request.status === 'booked',
  },
];

describe('every case card tells the truth to each viewer in each state', () => {
  for (const stage of STAGES) {
    for (const [viewer, view] of Object.entries(VIEWS)) {
      it(`${stage}, seen by the ${viewer}`, () => {
        const rendered = render(stage, view);
        const untrue = INSTRUCTIONS.filter((i) => i.shown(rendered) && !i.trueIn(rendered)).map((i) => i.what);
        expect(untrue).toEqual([]);
      });
    }
  }

  it('still asks the channel to acknowledge while the unit has not', () => {
    expect(render('routed', VIEWS.channel!).lines.some((l) => fiPattern('case.mentionLine').test(l))).toBe(true);
    expect(render('submitted', VIEWS.approver!).lines).toContain(fiText('case.approvalTitle', { reference: REFERENCE }));
  });
});
