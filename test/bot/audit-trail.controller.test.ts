import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../support/bot-harness.js';
import { BotHarness, SUPERVISOR, TENANT, WORKER, actionTitles, fixedClock, texts } from '../support/bot-harness.js';
import type { Locale } from '../../src/domain/locale.js';
import { translator } from '../../src/i18n/translator.js';
import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { auditChain } from '../support/audit-chain.js';
import { sendAndApprove } from '../support/flows.js';
import { directory, HEALTH_DEPUTY, HEALTH_LEAD, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, SENDING_DEPUTY } from '../support/people.js';

const PSYCHIATRY_CHANNEL = '19:lastenpsykiatria@thread.tacv2';
const OFFICER = { id: directory.dataProtectionOfficers[0]! };
const presentation = (locale: Locale) => ({ t: translator(locale), locale, directory });

/**
 * "loki" is driven through the controller the composed bot made, over the bot's own Redis, after
 * a request went through the real flow: over HTTP, into a linked channel whose roster the
 * connector gives; and once as the officer types it in a chat, through the router.
 */
describe('"loki" for the data protection officer', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));
  let requestId = '';
  /** The controller's answer to a message, as the harness reads cards. */
  const loki = async (actor: { id: string }, text: string, locale: Locale = 'fi') => (await harness.bot.auditTrail.reply(actor, text, presentation(locale))) as Card | undefined;
  const lokiTexts = async (actor: { id: string }, text: string, locale: Locale = 'fi') => texts((await loki(actor, text, locale))!);

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, SENDING_DEPUTY, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_DEPUTY]) await harness.say(user, 'hei');
    const mention = { text: '<at>Yhteistyöbotti</at> yhdistä yksikkö', entities: [{ type: 'mention', text: '<at>Yhteistyöbotti</at>', mentioned: { id: '28:yhteistyobotti', name: 'Yhteistyöbotti' } }] };
    await harness.post(
      harness.activity(PSYCHIATRY_LEAD, {
        type: 'message',
        ...mention,
        conversation: { id: `${PSYCHIATRY_CHANNEL};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
        channelData: { tenant: { id: TENANT }, team: { id: '19:perhe-team@thread.tacv2' }, channel: { id: PSYCHIATRY_CHANNEL } },
      }),
    );
    harness.connector.membersOf(PSYCHIATRY_CHANNEL, [PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER]);
    requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('answers the officer typing "loki YT-2026-0001" in a personal chat with the trail card, through the router', async () => {
    const officer = { aadObjectId: OFFICER.id, name: directory.person(OFFICER.id)!.name };
    expect(texts(await harness.say(officer, 'loki YT-2026-0001'))[0]).toBe('Loki: YT-2026-0001');
    expect(texts(await harness.say(SUPERVISOR, 'loki YT-2026-0001')).join(' ')).not.toContain('Loki: YT-2026-0001');
  });

  it('answers only its own command words, in any language', async () => {
    expect(await loki(OFFICER, 'hei')).toBeUndefined();
    expect(await loki(OFFICER, 'lokit ovat tärkeitä')).toBeUndefined();
    for (const text of ['loki YT-2026-0001', 'LOGG yt-2026-1', 'audit log YT-2026-0001']) {
      expect((await lokiTexts(OFFICER, text))[0]).toBe('Loki: YT-2026-0001');
    }
  });

  it("lists the approval and every disclosure with the six points, the channel's members by name and the leads reached in person", async () => {
    const card = (await loki(OFFICER, 'loki YT-2026-0001'))!;
    const shown = texts(card);
    expect(shown).toContain('24.11.2026 klo 12.00 · Hyväksytty · Sanna Esihenkilö');
    expect(harness.connector.rosterReads).toEqual([PSYCHIATRY_CHANNEL]);
    const facts = shown.join('\n');
    expect(facts).toContain('Kenelle: yksikön Teams-kanava');
    expect(facts).toContain(`Kanavan jäsenet: ${PSYCHIATRY_LEAD.name}, ${PSYCHIATRY_MEMBER.name}`);
    expect(facts).toContain('Yksikkö: Lastenpsykiatria');
    expect(facts).toContain(`Kenelle: ${HEALTH_LEAD.name}`);
    expect(facts).toContain(`Kenelle: ${HEALTH_DEPUTY.name}`);
    expect(facts).toContain('Mitä: Asiakaskuvaus YT-2026-0001');
    expect(facts).toContain('Keneltä: Perhesosiaalityö');
    expect(facts).toContain('Kuka pyysi: Sanna Esihenkilö');
    expect(facts).toContain('Peruste: Asiakkaan suullinen suostumus, kirjasi Wilma Työntekijä 24.11.2026 klo 12.00');
    expect(facts).toContain('Käyttötarkoitus: Moniammatillinen työskentely Yhteistyö-tiimissä');
    expect(shown.at(-2)).toBe('24.11.2026 klo 12.00 · Lokia luettu · Tuula Tietosuoja');
    expect(actionTitles(card)).toEqual(['Lataa CSV']);
  });

  it('speaks Swedish and English, dates as each writes them, in county time', async () => {
    const swedish = await lokiTexts(OFFICER, 'logg YT-2026-0001', 'sv');
    expect(swedish[0]).toBe('Logg: YT-2026-0001');
    expect(swedish).toContain('24.11.2026 kl. 12.00 · Godkänd · Sanna Esihenkilö');
    const english = await lokiTexts(OFFICER, 'log YT-2026-0001', 'en');
    expect(english).toContain('24 Nov 2026, 12:00 · Approved · Sanna Esihenkilö');
  });

  it('refuses everyone else, the approving supervisor too, and the officer sees the attempt', async () => {
    expect(await lokiTexts({ id: SUPERVISOR.aadObjectId }, 'loki YT-2026-0001')).toEqual(['Lokia voi lukea vain tietosuojavastaava.']);
    const trail = await lokiTexts(OFFICER, 'loki YT-2026-0001');
    expect(trail).toContain('24.11.2026 klo 12.00 · Pääsy estetty · Sanna Esihenkilö');
  });

  it('says how to write the command, and that an unknown reference has no request', async () => {
    expect(await lokiTexts(OFFICER, 'loki')).toEqual(['Kirjoita loki ja pyynnön viite, esimerkiksi: loki YT-2026-0001.']);
    expect(await lokiTexts(OFFICER, 'loki YT-2026-0404')).toEqual(['Viitteellä YT-2026-0404 ei löytynyt pyyntöä.']);
  });

  it('pages a long trail twenty entries a card, saying what to write for the next', async () => {
    const log = new RedisAuditLog(harness.bot.redis, auditChain(harness.prefix));
    for (let i = 0; i < 30; i++) await log.record({ at: '2026-11-25T08:00:00.000Z', actorId: WORKER.aadObjectId, action: 'request.read', requestId, reference: 'YT-2026-0001' });
    const first = await lokiTexts(OFFICER, 'loki YT-2026-0001');
    const total = Number(/\/ (\d+)\.$/.exec(first[2]!)![1]);
    expect(first[2]).toBe(`Merkinnät 1–20 / ${total}.`);
    expect(first).toContain('Seuraavat merkinnät: kirjoita loki YT-2026-0001 2');
    const second = await lokiTexts(OFFICER, 'loki YT-2026-0001 2');
    expect(second[2]).toBe(`Merkinnät 21–40 / ${total + 1}.`);
    expect(await lokiTexts(OFFICER, 'loki YT-2026-0001 9')).toEqual([`Pyynnön YT-2026-0001 lokissa on ${Math.ceil((total + 2) / 20)} sivua.`]);
  });
});
