/**
 * What the audit tab's server and its browser code say to each other; both programs compile
 * this file, so it imports nothing.
 */

/** GET /tab/api/audit?reference=YT-2026-0001 */
export interface AuditTrailResponse {
  readonly reference: string;
  /** The request's status now, in the page's language. */
  readonly status: string;
  /** The columns' headings in the page's language; every row has one text per column. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The page's data, in a `<script type="application/json">` element. */
export interface AuditPageData {
  readonly lang: 'fi' | 'sv' | 'en';
  readonly langFromAddress: boolean;
  /** The catalog's `audit.tab` section, with the metrics tab's dev sign-in texts as `dev` (its own explanation). */
  readonly texts: Readonly<Record<string, unknown>>;
  /** Outside production only: the data protection officers, whose view a developer may take. */
  readonly devSignIn?: { readonly people: readonly { readonly id: string; readonly label: string }[] } | undefined;
}
