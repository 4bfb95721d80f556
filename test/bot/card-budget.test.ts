import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { makeUnitReport } from '../../src/app/reporting/unit-report.js';
import type { StoredRequest } from '../../src/app/ports.js';
import { CASELOAD_LIMITS, CASELOAD_ROLES } from '../../src/app/caseload/list-caseload.js';
import { auditTrailCard } from '../../src/bot/cards/audit-trail-cards.js';
import { cardBytes } from '../../src/bot/cards/card-size.js';
import type { AdaptiveCard } from '../../src/bot/cards/card-templates.js';
import { caseCard, type CaseView } from '../../src/bot/cards/case-cards.js';
import { descriptionCard } from '../../src/bot/cards/description-card.js';
import { caseNoteCard } from '../../src/bot/cards/case-note.js';
import { caseloadCard, reopenedStubCard } from '../../src/bot/cards/caseload-cards.js';
import { confirmCard } from '../../src/bot/cards/confirm-cards.js';
import { feedbackCard, meetingDayCard } from '../../src/bot/cards/follow-up-cards.js';
import { formCard, helpCard, noticeCard, sentCard, welcomeCard } from '../../src/bot/cards/intake-cards.js';
import { reportCard } from '../../src/bot/cards/report-cards.js';
import { CARD_BUDGET_BYTES, textLimitProblem, type TextLimit } from '../../src/domain/card-text.js';
import { FIELD_LIMIT, FREE_TEXT_FIELDS, NOTE_LIMIT, type DescriptionDraft, type FieldErrorCode, type FormField } from '../../src/domain/collaboration/description.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { COMMENT_LIMIT } from '../../src/domain/feedback/feedback.js';
import { LOCALES, type Locale } from '../../src/domain/locale.js';
import type { Presentation } from '../../src/i18n/presentation.js';
import { translator } from '../../src/i18n/translator.js';
import { actionVerbs, texts, type Card } from '../support/bot-harness.js';
import { completeForm, DESCRIBED, PEOPLE, REFERENCE, requestAt, type Stage } from '../support/app-requests.js';
import { directory } from '../support/people.js';
import { QUESTIONNAIRE } from '../support/routing-fakes.js';
import { answerFigures, requestFigures } from '../support/month-figures.js';

/**
 * Every card the bot sends, with every typed text at its limit in the scripts that take the most
 * room, stays within CARD_BUDGET_BYTES as the JSON that travels. Teams takes about 28 KB a
 * message; the rest is the activity around the card.
 */
const SCRIPTS: Readonly<Record<string, string>> = {
  finnish: 'Äiti ja lapsi (7 v.) tarvitsevat tukea. ',
  emoji: '😀',
  mathematical: '𝒜',
  cjk: '漢字',
  markup: '**[a](b)** <at>x</at> & ${t} _i_ ',
  escapes: '"\\\n',
  lists: '\n- 1. # > ',
  control: '\u0001\u001f',
};

/** The longest text made of `unit` that its limit takes: nothing past it would be stored. */
function atLimit(unit: string, limit: TextLimit): string {
  const points = Array.from(unit.repeat(Math.ceil(limit.chars / unit.length) + 1));
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (textLimitProblem(points.slice(0, middle).join(''), limit)) high = middle - 1;
    else low = middle;
  }
  return points.slice(0, low).join('');
}

const presentation = (locale: Locale): Presentation => ({ t: translator(locale), locale, directory });
const TODAY = '2026-12-09';

function fullDescription(unit: string, proposingUnits: readonly string[]): DescriptionDraft {
  return {
    ...DESCRIBED,
    texts: Object.fromEntries(FREE_TEXT_FIELDS.map((field) => [field, atLimit(unit, FIELD_LIMIT[field])])) as DescriptionDraft['texts'],
    returnComment: atLimit(unit, NOTE_LIMIT),
    proposalReasons: Object.fromEntries(proposingUnits.map((id) => [id, atLimit(unit, NOTE_LIMIT)])),
  };
}

/** The usual request, and the same request sent to every other unit, each of which proposed another unit. */
const OTHER_UNITS = directory.units.map((u) => u.id).filter((id) => id !== 'perhesosiaalityo');
function everyoneProposing(): CollaborationRequest {
  const routed = requestAt('routed');
  return {
    ...routed,
    collaborationUnitIds: OTHER_UNITS,
    units: OTHER_UNITS.map((unitId, i) => ({
      unitId,
      status: 'awaiting_acknowledgement' as const,
      proposal: { unitId: OTHER_UNITS[(i + 1) % OTHER_UNITS.length]!, by: PEOPLE.psychiatryLead, at: routed.updatedAt },
    })),
  };
}

const STAGES: readonly Stage[] = ['submitted', 'returned', 'routed', 'acknowledged', 'named', 'proposed', 'chosen', 'booked', 'held', 'follow_up', 'closed', 'withdrawn'];
const VIEWS: Readonly<Record<string, CaseView>> = {
  chair: { kind: 'status', viewerId: PEOPLE.worker },
  approver: { kind: 'approval', viewerId: PEOPLE.supervisor },
  channel: { kind: 'receiving', unitId: 'lastenpsykiatria', mention: true },
  lead: { kind: 'receiving', unitId: 'lastenpsykiatria', viewerId: PEOPLE.psychiatryLead },
  named: { kind: 'named', viewerId: PEOPLE.psychiatryMember, unitId: 'lastenpsykiatria' },
};

/** A click refused with everything typed at its limit, each input's message the longest one. */
function refusedClick(p: Presentation, unit: string) {
  const tooMuch = p.t('validation.tooMuchRoom', { count: 4000 });
  return {
    today: TODAY,
    banner: { text: p.t('validation.fixBelow'), style: 'attention' as const },
    typed: { returnComment: atLimit(unit, NOTE_LIMIT), proposalReason: atLimit(unit, NOTE_LIMIT), processingDate: TODAY, proposedUnitId: 'lastensuojelu', workerId: PEOPLE.psychiatryMember },
    fieldErrors: { returnComment: tooMuch, proposalReason: tooMuch, processingDate: p.t('validation.datePast'), proposedUnitId: p.t('validation.unitRequired'), workerId: p.t('validation.workerRequired') },
  };
}

/** No typed text rides in an action's data: it carries a verb and opaque ids only. */
function dataStrings(card: AdaptiveCard): string[] {
  const found: string[] = [];
  const walk = (node: unknown, inData: boolean): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, inData));
    else if (node && typeof node === 'object') for (const [key, value] of Object.entries(node)) walk(value, inData || key === 'data');
    else if (inData && typeof node === 'string') found.push(node);
  };
  walk(card, false);
  return found;
}

function expectWithinBudget(card: AdaptiveCard, what: string): void {
  expect(cardBytes(card), what).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  expect(dataStrings(card).every((s) => s.length <= 80), `${what}: action data`).toBe(true);
}

describe('every card stays within the size budget with every input at its limit', () => {
  for (const [script, unit] of Object.entries(SCRIPTS)) {
    it(`the case card in every state, for every viewer, in every language (${script})`, () => {
      const description = fullDescription(unit, ['lastenpsykiatria', 'terveysasemat']);
      for (const locale of LOCALES) {
        const p = presentation(locale);
        for (const stage of STAGES) {
          for (const [viewer, view] of Object.entries(VIEWS)) {
            const stored = { request: requestAt(stage), description };
            expectWithinBudget(caseCard(p, stored, view, { today: TODAY }), `${stage} for the ${viewer} (${locale})`);
            expectWithinBudget(caseCard(p, stored, view, refusedClick(p, unit)), `${stage} for the ${viewer}, refused click (${locale})`);
          }
        }
      }
    });

    it(`the approval card of a request every unit proposed another unit for, and its description on a card of its own (${script})`, () => {
      const request = everyoneProposing();
      const stored: StoredRequest = { request, description: fullDescription(unit, OTHER_UNITS) };
      for (const locale of LOCALES) {
        const p = presentation(locale);
        for (const view of [VIEWS.approver!, VIEWS.named!, VIEWS.lead!, { kind: 'receiving', unitId: 'terveysasemat', mention: true } as const]) {
          const card = caseCard(p, stored, view, { today: TODAY });
          expectWithinBudget(card, `${view.kind} (${locale})`);
          expectWithinBudget(descriptionCard(p, stored, view), `description for ${view.kind} (${locale})`);
        }
      }
    });

    it(`the description form given back with every field at its limit and every message (${script})`, () => {
      const texts = Object.fromEntries(FREE_TEXT_FIELDS.map((field) => [field, atLimit(unit, FIELD_LIMIT[field])]));
      const codes: Partial<Record<FormField, FieldErrorCode>> = { descriptionDate: 'field.date_in_future', sendingUnitId: 'field.no_approver', collaborationUnitIds: 'field.same_as_sending_unit', consentRecorded: 'field.must_confirm', needConfirmedInTeam: 'field.must_confirm' };
      for (const locale of LOCALES) {
        const p = presentation(locale);
        const form = completeForm(texts);
        const base = { requestId: 'request-000000000001', version: 12, reference: REFERENCE, form, workerId: PEOPLE.worker, today: TODAY };
        expectWithinBudget(formCard(p, base), `the form (${locale})`);
        expectWithinBudget(
          formCard(p, {
            ...base,
            banner: { text: `${p.t('form.fixErrors')} ${p.t('form.draftKept')}`, style: 'attention' },
            fieldErrors: [...FREE_TEXT_FIELDS.map((field) => ({ field, code: 'field.required' as const })), ...Object.entries(codes).map(([field, code]) => ({ field: field as FormField, code: code! }))],
            findings: FREE_TEXT_FIELDS.flatMap((field) => (['personal_identity_code', 'phone', 'email', 'street_address', 'postal_address'] as const).map((kind) => ({ field, kind }))),
          }),
          `the form with every message (${locale})`,
        );
        // The most likely names one card asks about (NAME_HINTS_PER_CARD), each as long as a name and its endings get.
        const nameHints = Array.from({ length: 12 }, (_, i) => ({ field: FREE_TEXT_FIELDS[i % FREE_TEXT_FIELDS.length]!, token: `Annamariallekaanko${i}` }));
        expectWithinBudget(formCard(p, { ...base, nameHints, banner: { text: p.t('form.namesFound'), style: 'warning' } }), `the form asking about names (${locale})`);
      }
    });

    it(`the feedback form with the comment at its limit, open and once the case ended (${script})`, () => {
      for (const [stage, locale] of (['follow_up', 'closed', 'withdrawn'] as const).flatMap((s) => LOCALES.map((l) => [s, l] as const))) {
        const stored = { request: requestAt(stage), description: DESCRIBED };
        const p = presentation(locale);
        const own = { requestId: stored.request.id, generation: 1, month: '2026-12', unitIds: [], respondent: 'worker' as const, scores: Object.fromEntries(QUESTIONNAIRE.questions.map((q) => [q.id, 5])), comment: atLimit(unit, COMMENT_LIMIT) };
        const card = feedbackCard(p, stored, QUESTIONNAIRE, { generation: 1, asChair: true, own, clientRating: 5, nameHints: ['Matti'], banner: { text: p.t('errors.feedback.comment_too_long'), style: 'attention' } });
        expectWithinBudget(card, `feedback, ${stage} (${locale})`);
      }
    });
  }

  it('a case card of text mixed from every script at its limit, drawn at random', () => {
    const piece = fc.constantFrom(...Object.values(SCRIPTS), 'a', 'ä', ' ', '\\', '<', '&', '"', '\n');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), fc.constantFrom(...LOCALES), fc.constantFrom(...STAGES), fc.constantFrom(...Object.values(VIEWS)), (pieces, locale, stage, view) => {
        const unit = pieces.join('');
        const p = presentation(locale);
        const stored = { request: requestAt(stage), description: fullDescription(unit, ['lastenpsykiatria', 'terveysasemat']) };
        return cardBytes(caseCard(p, stored, view, refusedClick(p, unit))) <= CARD_BUDGET_BYTES && cardBytes(descriptionCard(p, stored, view)) <= CARD_BUDGET_BYTES;
      }),
      { numRuns: 40 },
    );
  });

  it('shows the whole description on the case card while it fits, and otherwise one button away, whole', () => {
    const p = presentation('fi');
    const fits = caseCard(p, { request: requestAt('submitted'), description: fullDescription(SCRIPTS.finnish!, []) }, VIEWS.approver!, { today: TODAY }) as Card;
    expect(actionVerbs(fits)).not.toContain(Verb.showDescription);
    const stored = { request: everyoneProposing(), description: fullDescription(SCRIPTS.cjk!, OTHER_UNITS) };
    const full = caseCard(p, stored, VIEWS.approver!, { today: TODAY }) as Card;
    expect(actionVerbs(full)).toContain(Verb.showDescription);
    expect(texts(full)).not.toContain(p.t('fieldNames.wantedServices'));
    const own = JSON.stringify(descriptionCard(p, stored, VIEWS.approver!));
    for (const field of FREE_TEXT_FIELDS) expect(own).toContain(stored.description.texts[field].slice(0, 40));
  });

  it('the cards without typed text: welcome, help, notice, sent, notes, confirmations, the meeting day, Omat asiat, the report and the audit trail', async () => {
    const longestName = 'Annamaria Johanna Kristiina Virtanen-Korhonen-Mäkinen '.repeat(9);
    for (const locale of LOCALES) {
      const p = presentation(locale);
      const stored = { request: requestAt('booked'), description: DESCRIBED };
      expectWithinBudget(welcomeCard(p, longestName), `welcome (${locale})`);
      expectWithinBudget(helpCard(p, p.t('help.notUnderstood')), `help (${locale})`);
      expectWithinBudget(noticeCard(p, p.t('errors.cardTooLarge'), 'Attention'), `notice (${locale})`);
      expectWithinBudget(sentCard(p, everyoneProposing()), `sent (${locale})`);
      expectWithinBudget(caseNoteCard(p, p.t('note.routedToLead', { reference: REFERENCE, unit: 'Mielenterveys- ja päihdepalvelut' }), stored.request.id, 'attention'), `note (${locale})`);
      expectWithinBudget(reopenedStubCard(p, REFERENCE), `stub (${locale})`);
      expectWithinBudget(confirmCard(p, { step: 'withdraw', requestId: stored.request.id, version: 9, text: p.t('confirm.withdrawWithMeeting', { reference: REFERENCE, when: '9.12.2026 klo 12.00–12.45' }) }), `confirm (${locale})`);
      expectWithinBudget(
        meetingDayCard(p, stored, { text: p.t('validation.fixBelow'), style: 'attention' }, {
          typed: { consent: 'given', attendeeIds: OTHER_UNITS.join(','), clientPresence: 'remote', responsibleWorkerId: PEOPLE.psychiatryMember, nextMeetingDate: TODAY, consentValidUntil: TODAY },
          fieldErrors: Object.fromEntries(['consent', 'attendeeIds', 'clientPresence', 'responsibleWorkerId', 'nextMeetingDate', 'consentValidUntil'].map((key) => [key, p.t('validation.handledNeedsSender')])),
        }),
        `meeting day (${locale})`,
      );
      const full = Array.from({ length: CASELOAD_LIMITS.perGroup }, (_, i) => requestAt('routed', { id: `case-open-${String(i).padStart(40, '0')}`, reference: `YT-2026-${10000 + i}` }));
      const caseload = {
        drafts: Array.from({ length: CASELOAD_LIMITS.perGroup }, (_, i) => requestAt('draft', { id: `draft-${String(i).padStart(40, '0')}` })),
        draftsTotal: 50,
        groups: CASELOAD_ROLES.map((role) => ({ role, rows: full.map((request) => ({ request, role, unitId: 'lastenpsykiatria' })), total: 50 })),
        finished: Array.from({ length: CASELOAD_LIMITS.finished }, (_, i) => ({ request: requestAt('closed', { id: `closed-${i}`, reference: `YT-2026-${20000 + i}` }), role: 'sent' as const })),
      };
      expectWithinBudget(caseloadCard(p, caseload, PEOPLE.worker, p.t('list.deleted')), `Omat asiat (${locale})`);
      const report = await makeUnitReport({
        requests: requestFigures([requestAt('follow_up')]),
        feedback: answerFigures([]),
        questionnaire: QUESTIONNAIRE,
        directory: { current: () => directory },
        clock: { now: () => new Date('2026-11-24T10:00:00Z') },
      })({ id: PEOPLE.supervisor });
      if (!report.ok) throw new Error('setup: the supervisor leads the sending unit');
      expectWithinBudget(reportCard(p, report.value), `report (${locale})`);
      const everyone = directory.units.flatMap((u) => [...u.supervisors, ...u.deputies, ...u.members]).join(',');
      const entries = Array.from({ length: 60 }, () => ({
        at: '2026-06-30T21:30:00.000Z',
        actorId: PEOPLE.supervisor,
        action: 'request.disclosed' as const,
        requestId: 'r1',
        reference: REFERENCE,
        unitId: 'mielenterveys-paihde',
        fromUnit: 'perhesosiaalityo',
        recipient: 'channel:19:c@thread.tacv2',
        channelMembers: everyone,
        requestedBy: PEOPLE.supervisor,
        basis: `oral-consent:${PEOPLE.worker}@2026-06-30T21:30:00.000Z`,
        purpose: 'yhteistyo-tiimi:multi-professional-work',
      }));
      expectWithinBudget(
        auditTrailCard(p, { requestId: 'r1', reference: REFERENCE, status: 'routed', entries }, { page: 1, csvUrl: `https://bot.example/audit/${'x'.repeat(400)}`, nextCommand: 'loki YT-2026-0042 2' }),
        `audit trail (${locale})`,
      );
    }
  });
});
