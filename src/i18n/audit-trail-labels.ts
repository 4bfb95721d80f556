import type { AuditTrailView } from '../app/audit/read-audit-trail.js';
import { DISCLOSURE_PURPOSE, MEMBERS_UNAVAILABLE } from '../app/effects/record-disclosures.js';
import type { AuditEntry } from '../app/ports.js';
import { BOT_ACTOR } from '../app/workflow/bot-actor.js';
import { formatDateTime } from '../bot/cards/formatting.js';
import { COUNTY_TIME_ZONE } from '../domain/time.js';
import type { Presentation as Reader } from './presentation.js';

/** The columns of the audit trail, in the order the card, the page and the CSV show them. */
export const AUDIT_FIELDS = ['at', 'action', 'actor', 'actorId', 'what', 'unit', 'from', 'to', 'members', 'requestedBy', 'basis', 'purpose'] as const;
export type AuditField = (typeof AUDIT_FIELDS)[number];

/** One entry as its reader reads it: names from the directory, words in their language, '' where the entry says nothing. */
export type AuditRow = Readonly<Record<AuditField, string>>;

/** Members listed by name on a card; the CSV lists them all. */
const CARD_MEMBERS = 10;

const person = ({ t, directory }: Reader, id: string | undefined): string => {
  if (id === undefined) return '';
  return id === BOT_ACTOR.id ? t('audit.bot') : (directory.person(id)?.name ?? id);
};

const unit = ({ directory, locale }: Reader, id: string | undefined): string => (id === undefined ? '' : (directory.unitName(id, locale) ?? id));

/** `oral-consent:<who>@<when>` as recordDisclosures writes it, in words. */
function basisOf(reader: Reader, basis: string | undefined): string {
  if (basis === undefined) return '';
  if (basis === 'none-recorded') return reader.t('audit.basis.none');
  const consent = /^oral-consent:(.+)@(\d{4}-\d{2}-\d{2}T[^@]+)$/.exec(basis);
  if (!consent) return basis;
  return reader.t('audit.basis.oralConsent', { name: person(reader, consent[1]), time: formatDateTime(consent[2]!, reader.locale) });
}

function membersOf(reader: Reader, members: string | undefined, shown: number): string {
  if (members === undefined) return '';
  if (members === MEMBERS_UNAVAILABLE) return reader.t('audit.membersUnavailable');
  const names = members.split(',').map((id) => person(reader, id));
  if (names.length <= shown) return names.join(', ');
  return reader.t('audit.membersMore', { names: names.slice(0, shown).join(', '), count: names.length - shown });
}

function rowOf(reader: Reader, trail: AuditTrailView, entry: AuditEntry, at: string, shownMembers: number): AuditRow {
  const disclosed = entry.action === 'request.disclosed';
  const channel = entry.recipient?.startsWith('channel:') === true;
  return {
    at,
    action: reader.t(`audit.action.${entry.action}`),
    actor: person(reader, entry.actorId),
    actorId: entry.actorId,
    what: disclosed ? reader.t('audit.what', { reference: entry.reference ?? trail.reference }) : '',
    unit: unit(reader, entry.unitId),
    from: unit(reader, entry.fromUnit),
    to: channel ? reader.t('audit.channel') : person(reader, entry.recipient),
    members: membersOf(reader, entry.channelMembers, shownMembers),
    requestedBy: person(reader, entry.requestedBy),
    basis: basisOf(reader, entry.basis),
    purpose: entry.purpose === DISCLOSURE_PURPOSE ? reader.t('audit.purpose.multiProfessionalWork') : (entry.purpose ?? ''),
  };
}

/** For the card and the page: times as the reader writes them, in the county's time. */
export function auditRows(reader: Reader, trail: AuditTrailView, shownMembers = CARD_MEMBERS): AuditRow[] {
  return trail.entries.map((entry) => rowOf(reader, trail, entry, formatDateTime(entry.at, reader.locale), shownMembers));
}

const csvTimes = new Intl.DateTimeFormat('sv-SE', { timeZone: COUNTY_TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' });

/**
 * Semicolon-separated, as Finnish and Swedish Excel split a CSV; a field is quoted when it holds
 * a separator, a quote or a line break. A field that a spreadsheet would run as a formula (a
 * name in the directory starting with "=") is prefixed with an apostrophe, so it stays text.
 */
function field(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every entry and every member, times as yyyy-MM-dd HH:mm:ss county time, which Excel reads as a time. */
export function auditTrailCsv(reader: Reader, trail: AuditTrailView): string {
  const header = AUDIT_FIELDS.map((f) => (f === 'at' ? reader.t('audit.csvTime') : reader.t(`audit.field.${f}`)));
  const rows = trail.entries.map((entry) => {
    const row = rowOf(reader, trail, entry, csvTimes.format(new Date(entry.at)), Infinity);
    return AUDIT_FIELDS.map((f) => row[f]);
  });
  return [header, ...rows].map((fields) => `${fields.map(field).join(';')}\r\n`).join('');
}
