import type { ReadAuditTrail } from '../app/audit/read-audit-trail.js';
import type { Actor } from '../app/ports.js';
import { LOCALES, type Locale } from '../domain/locale.js';
import { catalogs } from '../i18n/translator.js';
import { auditTrailCard, auditTrailPages } from './cards/audit-trail-cards.js';
import type { AdaptiveCard } from './cards/card-templates.js';
import { noticeCard } from './cards/intake-cards.js';
import type { Presentation } from '../i18n/presentation.js';
import { normalise } from './text-commands.js';

export interface AuditTrailControllerDeps {
  readonly readAuditTrail: ReadAuditTrail;
  /** A personal, expiring download link to the whole trail as CSV. */
  readonly csvLink: (holder: { userId: string; locale: Locale; reference: string }) => string;
}

interface AuditTrailCommand {
  readonly word: string;
  readonly reference: string;
  readonly page: number;
}

const COMMAND_WORDS: ReadonlySet<string> = new Set(LOCALES.flatMap((locale) => catalogs[locale].audit.commands.split('|').map(normalise)));

/**
 * "loki YT-2026-0001", "logg YT-2026-0001 2": the command word of any language, then what should
 * be a reference, then a page. The reference is the use case's to judge, so that a refusal
 * comes before anything about it is told.
 */
export function auditTrailCommandOf(text: string): AuditTrailCommand | undefined {
  const trimmed = text.trim();
  if (COMMAND_WORDS.has(normalise(trimmed))) return { word: trimmed, reference: '', page: 1 };
  const match = /^(.+?)\s+(\S+?)(?:\s+(\d{1,4}))?$/.exec(trimmed);
  if (!match || !COMMAND_WORDS.has(normalise(match[1]!))) return undefined;
  return { word: match[1]!, reference: match[2]!, page: Number(match[3] ?? 1) };
}

/**
 * The data protection officer's "loki" in a personal chat: one page of a request's audit trail
 * as a card, with the whole trail as a CSV link. The router calls it with every personal message
 * and uses the card when there is one.
 */
export class AuditTrailController {
  constructor(private readonly deps: AuditTrailControllerDeps) {}

  /** The answer to a "loki" command; undefined when the text is no such command. */
  async reply(actor: Actor, text: string, p: Presentation): Promise<AdaptiveCard | undefined> {
    const command = auditTrailCommandOf(text);
    if (!command) return undefined;
    const trail = await this.deps.readAuditTrail(actor, command.reference);
    if (!trail.ok) return noticeCard(p, p.t(`errors.${trail.error.code}`, { reference: command.reference }), 'Attention');
    const { reference } = trail.value;
    const pages = auditTrailPages(trail.value);
    if (command.page < 1 || command.page > pages) return noticeCard(p, p.t('audit.noSuchPage', { reference, count: pages }), 'Attention');
    return auditTrailCard(p, trail.value, {
      page: command.page,
      csvUrl: this.deps.csvLink({ userId: actor.id, locale: p.locale, reference }),
      nextCommand: `${command.word} ${reference} ${command.page + 1}`,
    });
  }
}
