import { z } from 'zod';
import type { RequestForm } from '../domain/collaboration/description.js';
import { LOCALES } from '../domain/locale.js';

/**
 * Card submits are untrusted input: every one is parsed here before anything acts on it.
 * Teams sends toggles as "true"/"false" and a multi-select as "a,b"; both are normalised.
 */
const toggle = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .optional()
  .transform((v) => v === true || v === 'true');

// Generous caps bound memory; the domain's own, smaller limits give the worker a friendly message.
const freeText = z.string().max(20_000).optional().transform((v) => v ?? '');

export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const formPayloadSchema = z.object({
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

export const requestRefPayloadSchema = z.object({ requestId: requestIdSchema });
export const languagePayloadSchema = z.object({ locale: z.enum(LOCALES) });
