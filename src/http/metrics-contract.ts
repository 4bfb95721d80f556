/**
 * What the metrics tab's server and its browser code say to each other. Both programs compile
 * this file, the server's (Node) and the page's (DOM), so it imports nothing.
 */

/** A figure as JSON: a withheld average reads 'suppressed', nothing to measure reads null. */
export type WireFigure = number | 'suppressed' | null;

export interface WireColumn {
  /** The metric's key (`sent`, `sentLeadDays.approval`, …, `question`); a question's column also names the question. */
  readonly key: string;
  readonly questionId?: string | undefined;
  readonly kind: 'count' | 'days' | 'rate' | 'score';
  /** The label the chat card and the CSV give the same figure, in the page's language. */
  readonly label: string;
}

export interface WireUnitMetrics {
  readonly unitId: string;
  readonly name: string;
  /** One row per month of `MetricsResponse.months`, one figure per column. */
  readonly rows: readonly (readonly WireFigure[])[];
}

/** GET /tab/api/metrics */
export interface MetricsResponse {
  /** Every unit the viewer may see: the choices of the unit filter. */
  readonly units: readonly { readonly id: string; readonly name: string }[];
  readonly months: readonly string[];
  readonly columns: readonly WireColumn[];
  readonly reports: readonly WireUnitMetrics[];
}

/** Every refusal: a code, never a stack trace. */
export interface ErrorResponse {
  readonly error: string;
}

/** The page's data, in a `<script type="application/json">` element: no inline script runs. */
export interface PageData {
  readonly lang: 'fi' | 'sv' | 'en';
  /** The language came from the address, so the Teams client's own language does not replace it. */
  readonly langFromAddress: boolean;
  /** The catalog's `tab` section in the page's language. */
  readonly texts: Readonly<Record<string, unknown>>;
  readonly minGroupSize: number;
  readonly maxMonths: number;
  readonly period: { readonly from: string; readonly to: string };
  /** Outside production only: the people whose view a developer may take, instead of the Teams sign-in. */
  readonly devSignIn?: { readonly people: readonly { readonly id: string; readonly label: string }[] } | undefined;
}

/** The header the dev sign-in sends instead of a token; the server refuses it in production. */
export const DEV_USER_HEADER = 'X-Dev-User';
