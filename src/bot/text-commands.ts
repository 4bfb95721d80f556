import { LOCALES, type Locale } from '../domain/locale.js';
import { catalogs } from '../i18n/translator.js';

/**
 * What users may type, from the catalogs: every command is understood in every language,
 * whatever language the user has chosen.
 */
export type TextIntent = 'newRequest' | 'myRequests' | 'help' | 'sendSeries' | 'unitCalendar' | 'greeting';
export type ChannelIntent = 'link' | 'unlink';
export type ReportIntent = 'card' | 'csv';

export const normalise = (text: string) => text.toLowerCase().replace(/[!?.,:;"'()]/g, ' ').replace(/\s+/g, ' ').trim();

const words = (list: string) => list.split('|').map(normalise);

const TEXT_INTENTS: ReadonlyMap<string, TextIntent> = new Map(
  LOCALES.flatMap((locale) => {
    const commands: Record<TextIntent, string> = catalogs[locale].commands;
    return (Object.keys(commands) as TextIntent[]).flatMap((intent) => words(commands[intent]).map((word) => [word, intent] as const));
  }),
);

const LANGUAGE_WORDS: ReadonlyMap<string, Locale> = new Map(
  LOCALES.flatMap((locale) => words(catalogs[locale].language.commands).map((word) => [word, locale] as const)),
);

const CHANNEL_INTENTS: ReadonlyMap<string, ChannelIntent> = new Map(
  LOCALES.flatMap((locale) => [
    ...words(catalogs[locale].channel.commands).map((word) => [word, 'link'] as const),
    ...words(catalogs[locale].channel.unlinkCommands).map((word) => [word, 'unlink'] as const),
  ]),
);

const REPORT_INTENTS: ReadonlyMap<string, ReportIntent> = new Map(
  LOCALES.flatMap((locale) => {
    const commands: Record<ReportIntent, string> = catalogs[locale].report.commands;
    return (Object.keys(commands) as ReportIntent[]).flatMap((intent) => words(commands[intent]).map((word) => [word, intent] as const));
  }),
);

export const textIntentOf = (text: string): TextIntent | undefined => TEXT_INTENTS.get(normalise(text));
const languageChoiceOf = (text: string): Locale | undefined => LANGUAGE_WORDS.get(normalise(text));
export const channelIntentOf = (text: string): ChannelIntent | undefined => CHANNEL_INTENTS.get(normalise(text));
/** "raportti" asks for the report card, "raportti csv" for the same figures as a CSV file. */
export const reportIntentOf = (text: string): ReportIntent | undefined => REPORT_INTENTS.get(normalise(text));

/** "tauota muistutukset 2026-12-21..2027-01-03" (or pausa/pause): the command word from the catalogs, then a period. */
export function pausePeriodOf(text: string): { from: string; to: string } | undefined {
  const match = /^(.*?)\s+(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|-|to|till)\s*(\d{4}-\d{2}-\d{2})$/.exec(text.trim());
  if (!match || !PAUSE_WORDS.has(normalise(match[1] ?? ''))) return undefined;
  return { from: match[2]!, to: match[3]! };
}

const ABSENCE_WORDS: ReadonlySet<string> = new Set(LOCALES.flatMap((locale) => words(catalogs[locale].reminder.absenceCommands)));
const SUBSTITUTE_WORDS: readonly string[] = LOCALES.flatMap((locale) => words(catalogs[locale].reminder.substituteWords));

/** "poissa 2026-12-21..2027-01-03 [sijainen Maija Mallikas]" (or frånvarande/away … ersättare/substitute): a period, and who stands in. */
export function absenceOf(text: string): { from: string; to: string; substitute?: string } | undefined {
  const match = /^(.*?)\s+(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|-|to|till)\s*(\d{4}-\d{2}-\d{2})(?:\s+(.+))?$/s.exec(text.trim());
  if (!match || !ABSENCE_WORDS.has(normalise(match[1] ?? ''))) return undefined;
  const rest = match[4]?.trim() ?? '';
  const word = SUBSTITUTE_WORDS.find((w) => normalise(rest).startsWith(`${w} `));
  const substitute = word ? rest.slice(rest.toLowerCase().indexOf(word) + word.length).trim() : rest || undefined;
  return { from: match[2]!, to: match[3]!, ...(substitute && { substitute }) };
}

const AUDIT_WORDS: ReadonlySet<string> = new Set(LOCALES.flatMap((locale) => words(catalogs[locale].audit.commands)));

/** "loki YT-2026-0001 [page]": the data protection officer asks for a request's audit trail. */
function asksAuditTrail(text: string): boolean {
  const asked = normalise(text);
  return [...AUDIT_WORDS].some((word) => asked === word || asked.startsWith(`${word} `));
}

const PAUSE_WORDS: ReadonlySet<string> = new Set(LOCALES.flatMap((locale) => words(catalogs[locale].reminder.pauseCommands)));

const CLOCK_WORDS: ReadonlySet<string> = new Set(LOCALES.flatMap((locale) => words(catalogs[locale].devClock.commands)));
const HOUR_MS = 3600 * 1000;

/** "kello +2" (days) or "kello +5h" (hours): how far to move a local run's clock, in ms. */
function clockShiftOf(text: string): number | undefined {
  const match = /^(.*?)\s*\+\s*(\d{1,3})\s*([dh]?)$/i.exec(text.trim());
  if (!match || !CLOCK_WORDS.has(normalise(match[1] ?? ''))) return undefined;
  const amount = Number(match[2]);
  return match[3]?.toLowerCase() === 'h' ? amount * HOUR_MS : amount * 24 * HOUR_MS;
}

/** What each command carries besides its name: the router's table has one handler per name. */
export interface TextCommandArgs {
  readonly welcome: object;
  readonly newRequest: object;
  readonly myRequests: object;
  readonly help: object;
  readonly sendSeries: object;
  /** "yhteistyöajat": the unit's next occurrences, for its supervisor. */
  readonly unitCalendar: object;
  readonly language: { readonly locale: Locale };
  readonly pause: { readonly from: string; readonly to: string };
  readonly absence: { readonly from: string; readonly to: string; readonly substitute?: string | undefined };
  readonly moveClock: { readonly ms: number };
  readonly report: { readonly format: ReportIntent };
  /** The whole message: the audit trail controller reads the reference and page from it. */
  readonly auditTrail: { readonly text: string };
  readonly link: { readonly unlink: boolean };
  /** Anything typed outside a personal chat that is not a link command. */
  readonly channelHelp: object;
  /** A personal message that is no command and no greeting. */
  readonly notUnderstood: object;
}

export type TextCommandName = keyof TextCommandArgs;
export type TextCommand<N extends TextCommandName = TextCommandName> = { [K in N]: { readonly name: K } & TextCommandArgs[K] }[N];

/**
 * What a chat message asks for, in the order the bot has always tried them; a greeting (or an
 * empty message) gets the welcome, anything else in a personal chat is answered as not
 * understood, with help. Outside a personal chat only the link commands are understood.
 */
export function textCommandOf(text: string, personal: boolean): TextCommand {
  if (!personal) {
    const channel = channelIntentOf(text);
    return channel ? { name: 'link', unlink: channel === 'unlink' } : { name: 'channelHelp' };
  }
  const pause = pausePeriodOf(text);
  if (pause) return { name: 'pause', ...pause };
  const absence = absenceOf(text);
  if (absence) return { name: 'absence', ...absence };
  const ms = clockShiftOf(text);
  if (ms !== undefined) return { name: 'moveClock', ms };
  const report = reportIntentOf(text);
  if (report) return { name: 'report', format: report };
  if (asksAuditTrail(text)) return { name: 'auditTrail', text };
  const locale = languageChoiceOf(text);
  if (locale) return { name: 'language', locale };
  const intent = textIntentOf(text);
  if (intent === 'greeting' || (intent === undefined && normalise(text) === '')) return { name: 'welcome' };
  return intent ? { name: intent } : { name: 'notUnderstood' };
}
