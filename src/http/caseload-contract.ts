/**
 * What the "Omat asiat" tab's server and its browser code say to each other; both programs
 * compile this file, so it imports nothing.
 */

/** One case: its reference, status and next step, never description text; the link opens the chat with the bot. */
export interface CaseloadRowWire {
  readonly reference: string;
  readonly status: string;
  readonly next: string;
  readonly chatLink: string;
}

/** GET /tab/api/caseload?lang=fi */
export interface CaseloadResponse {
  /** The person's drafts, each part they hold, then the ended cases, headed in the page's language. */
  readonly sections: readonly { readonly kind: string; readonly heading: string; readonly more: string; readonly rows: readonly CaseloadRowWire[] }[];
  /** Said when there are no sections; '' otherwise. */
  readonly empty: string;
  /** The column headings: reference, status, next step. */
  readonly columns: readonly [string, string, string];
  readonly openChat: string;
}

/** The page's data, in a `<script type="application/json">` element. */
export interface CaseloadPageData {
  readonly lang: 'fi' | 'sv' | 'en';
  readonly langFromAddress: boolean;
  /** The catalog's `caseload.tab` section, with the metrics tab's dev sign-in texts as `dev` (its own explanation). */
  readonly texts: Readonly<Record<string, unknown>>;
  /** Outside production only: the people of the directory, whose list a developer may take. */
  readonly devSignIn?: { readonly people: readonly { readonly id: string; readonly label: string }[] } | undefined;
}
