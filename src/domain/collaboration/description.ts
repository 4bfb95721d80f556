import { z } from 'zod';
import { textLimitProblem, type TextLimit } from '../card-text.js';
import type { UnitDirectory } from '../units/unit-directory.js';

/**
 * The anonymous client description (Anonyymi asiakaskuvaus) as the worker fills it, in the
 * worker guide's order. Free-text parts are secret: they are encrypted at rest and never leave
 * the people who need them.
 */
export const FORM_FIELDS = [
  'descriptionDate',
  'sendingUnitId',
  'senderContact',
  'collaborationUnitIds',
  'wantedServices',
  'receivedServices',
  'whatWorked',
  'assessmentHighlights',
  'consentRecorded',
  'needConfirmedInTeam',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export const FREE_TEXT_FIELDS = [
  'senderContact',
  'wantedServices',
  'receivedServices',
  'whatWorked',
  'assessmentHighlights',
] as const satisfies readonly FormField[];
export type FreeTextField = (typeof FREE_TEXT_FIELDS)[number];

/** The worker's own contact details, exempt from the phone and e-mail rules. */
export const CONTACT_FIELDS: readonly FreeTextField[] = ['senderContact'];

/** A supervisor's return comment and a unit's proposal reason. */
export const NOTE_LIMIT: TextLimit = { chars: 1000, bytes: 1500 };

/**
 * Characters as the worker counts them, and room in the card: the Finnish and Swedish
 * descriptions of the guard's corpus take 1.04 bytes a character in a card (at most 1.14), so
 * the room binds only text dense with emoji, other scripts or markup. Every field full in any script keeps the form and the case card within
 * CARD_BUDGET_BYTES (test/bot/card-budget.test.ts).
 */
export const FIELD_LIMIT: Readonly<Record<FreeTextField, TextLimit>> = {
  senderContact: { chars: 300, bytes: 450 },
  wantedServices: { chars: 4000, bytes: 4200 },
  receivedServices: { chars: 4000, bytes: 4200 },
  whatWorked: { chars: 4000, bytes: 4200 },
  assessmentHighlights: { chars: 4000, bytes: 4200 },
};

export interface RequestForm {
  readonly descriptionDate: string;
  readonly sendingUnitId: string;
  readonly senderContact: string;
  readonly collaborationUnitIds: readonly string[];
  readonly wantedServices: string;
  readonly receivedServices: string;
  readonly whatWorked: string;
  readonly assessmentHighlights: string;
  readonly consentRecorded: boolean;
  readonly needConfirmedInTeam: boolean;
}

/**
 * What is kept encrypted: the free text, the name-like words the worker has confirmed are not
 * names, and those the worker was last shown (a confirmation covers only what was shown).
 */
export interface DescriptionDraft {
  readonly texts: Readonly<Record<FreeTextField, string>>;
  readonly confirmedNameHints: readonly string[];
  readonly pendingNameHints: readonly string[];
  /** The sending supervisor's reason for returning the request; shown to the worker only. */
  readonly returnComment?: string | undefined;
  /** Why a receiving unit proposed another unit, by the proposing unit's id. */
  readonly proposalReasons?: Readonly<Record<string, string>> | undefined;
}

export type FieldErrorCode =
  | 'field.required'
  | 'field.too_long'
  | 'field.invalid_date'
  | 'field.date_in_future'
  | 'field.unknown_unit'
  | 'field.not_member_of_unit'
  | 'field.no_approver'
  | 'field.same_as_sending_unit'
  | 'field.at_least_one_unit'
  | 'field.must_confirm';

export interface FieldError {
  readonly field: FormField;
  readonly code: FieldErrorCode;
}

export const emptyTexts = (): Record<FreeTextField, string> => ({
  senderContact: '',
  wantedServices: '',
  receivedServices: '',
  whatWorked: '',
  assessmentHighlights: '',
});

export function textsOf(form: RequestForm): Record<FreeTextField, string> {
  const texts = emptyTexts();
  for (const field of FREE_TEXT_FIELDS) texts[field] = form[field];
  return texts;
}

/** Lengths are checked on every save, so a draft always fits back into its card. */
export function lengthErrors(form: RequestForm): FieldError[] {
  return FREE_TEXT_FIELDS.filter((f) => textLimitProblem(form[f], FIELD_LIMIT[f])).map((field) => ({
    field,
    code: 'field.too_long' as const,
  }));
}

interface SubmissionContext {
  readonly directory: UnitDirectory;
  readonly workerId: string;
  /** Today in Europe/Helsinki, yyyy-MM-dd. */
  readonly today: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const requiredText = (field: FreeTextField) =>
  z
    .string()
    .refine((v) => v.trim().length > 0, 'field.required')
    .refine((v) => !textLimitProblem(v, FIELD_LIMIT[field]), 'field.too_long');
const confirmed = z.boolean().refine((v) => v, 'field.must_confirm');

/** The rules that need no context, built once: zod compiles a schema on first use. */
const shapeSchema = z.object({
  descriptionDate: z.string().refine((v) => v.length > 0, 'field.required').refine(isRealDate, 'field.invalid_date'),
  sendingUnitId: z.string().refine((v) => v.length > 0, 'field.required'),
  senderContact: requiredText('senderContact'),
  collaborationUnitIds: z.array(z.string()).refine((v) => v.length > 0, 'field.at_least_one_unit'),
  wantedServices: requiredText('wantedServices'),
  receivedServices: requiredText('receivedServices'),
  whatWorked: requiredText('whatWorked'),
  assessmentHighlights: requiredText('assessmentHighlights'),
  consentRecorded: confirmed,
  needConfirmedInTeam: confirmed,
});

/** The rules that depend on the directory, the worker and the date, checked once the shape holds. */
function contextError(field: FormField, form: RequestForm, ctx: SubmissionContext): FieldErrorCode | undefined {
  const { directory } = ctx;
  switch (field) {
    case 'descriptionDate':
      return form.descriptionDate > ctx.today ? 'field.date_in_future' : undefined;
    case 'sendingUnitId':
      if (!directory.unit(form.sendingUnitId)) return 'field.unknown_unit';
      if (!directory.unitsOf(ctx.workerId).some((u) => u.id === form.sendingUnitId)) return 'field.not_member_of_unit';
      // Four eyes: the unit's only lead, with no escalation named, has nobody to approve what they send.
      return directory.approversFor(form.sendingUnitId, ctx.workerId).length === 0 ? 'field.no_approver' : undefined;
    case 'collaborationUnitIds':
      if (!form.collaborationUnitIds.every((id) => directory.unit(id))) return 'field.unknown_unit';
      return form.collaborationUnitIds.includes(form.sendingUnitId) ? 'field.same_as_sending_unit' : undefined;
    default:
      return undefined;
  }
}

/** Every rule the worker guide sets before a description may be sent, one error per field. */
export function validateForSubmission(form: RequestForm, ctx: SubmissionContext): FieldError[] {
  const shape = shapeSchema.safeParse(form);
  const errors = new Map<FormField, FieldErrorCode>();
  if (!shape.success) {
    for (const issue of shape.error.issues) {
      const field = issue.path[0] as FormField;
      if (!errors.has(field)) errors.set(field, issue.message as FieldErrorCode);
    }
  }
  for (const field of FORM_FIELDS) {
    if (errors.has(field)) continue;
    const code = contextError(field, form, ctx);
    if (code) errors.set(field, code);
  }
  return FORM_FIELDS.filter((f) => errors.has(f)).map((field) => ({ field, code: errors.get(field)! }));
}
