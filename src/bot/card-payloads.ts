import { z } from 'zod';
import type { RequestForm } from '../domain/collaboration/description.js';
import { LOCALES } from '../domain/locale.js';

/**
 * Card submits are untrusted input: every one is parsed here before anything acts on it.
 * Teams sends toggles as "true"/"false" and a multi-select as "a,b"; both are normalised.
 */
export const toggle = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .optional()
  .transform((v) => v === true || v === 'true');

// Generous caps bound memory; the domain's own, smaller limits give the worker a friendly message.
const freeText = z.string().max(20_000).optional().transform((v) => v ?? '');

export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 8;

/**
 * Keys that name an object's prototype have no business in card data, at any depth; nor has
 * nesting deeper than any card makes.
 */
export function carriesReservedKeys(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > MAX_DEPTH) return true;
  return Object.entries(value).some(([key, inner]) => RESERVED_KEYS.has(key) || carriesReservedKeys(inner, depth + 1));
}

/**
 * Teams sends the values of every input on the case card with an action that collects inputs,
 * so such an action's data may carry these ids besides its own. Each schema is strict: any
 * other key refuses the click.
 */
export const caseCardInputs = {
  returnComment: z.string().max(20_000).optional(),
  processingDate: z.string().max(32).optional(),
  proposedUnitId: z.string().max(80).optional(),
  proposalReason: z.string().max(20_000).optional(),
  workerId: z.string().max(80).optional(),
  newProcessingDate: z.string().max(32).optional(),
  moveReason: z.string().max(80).optional(),
  replacementWorkerId: z.string().max(80).optional(),
  replaceReason: z.string().max(80).optional(),
  newChairId: z.string().max(80).optional(),
};

export const formPayloadSchema = z.strictObject({
  requestId: requestIdSchema,
  version: z.coerce.number().int().min(0).max(1_000_000),
  descriptionDate: z.string().max(32).optional().transform((v) => v ?? ''),
  sendingUnitId: z.string().max(80).optional().transform((v) => v ?? ''),
  collaborationUnitIds: z
    .string()
    .max(2000)
    .optional()
    .transform((v) => [...new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean))]),
  senderContact: freeText,
  wantedServices: freeText,
  receivedServices: freeText,
  whatWorked: freeText,
  assessmentHighlights: freeText,
  consentRecorded: toggle,
  needConfirmedInTeam: toggle,
  confirmNames: toggle,
});

export interface FormPayload {
  readonly requestId: string;
  readonly version: number;
  readonly form: RequestForm;
  readonly confirmNames: boolean;
}

export function parseFormPayload(data: unknown): FormPayload | undefined {
  const parsed = formPayloadSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const { requestId, version, confirmNames, ...form } = parsed.data;
  return { requestId, version, confirmNames, form };
}

/**
 * A step that cannot be undone acts only on its confirmation, which names the version of the
 * request the person was shown: without `confirmed` the click only asks.
 */
export const confirmationInputs = {
  confirmed: z.literal(true).optional(),
  version: z.number().int().min(0).max(1_000_000).optional(),
};

/** A confirmation always carries the version it confirms. */
export const namesItsVersion = (data: { confirmed?: true | undefined; version?: number | undefined }): boolean => data.confirmed !== true || data.version !== undefined;

/** Opening comes from the case card too (with its inputs); deleting only from the list. */
export const requestRefPayloadSchema = z.strictObject({ ...caseCardInputs, requestId: requestIdSchema });
export const deleteDraftPayloadSchema = z.strictObject({ requestId: requestIdSchema, ...confirmationInputs }).refine(namesItsVersion);
export const languagePayloadSchema = z.strictObject({ locale: z.enum(LOCALES) });
