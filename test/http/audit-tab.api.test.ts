import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import type { AuditPageData, AuditTrailResponse } from '../../src/http/audit-contract.js';
import { AuditLinks } from '../../src/http/audit-links.js';
import { DEV_USER_HEADER } from '../../src/http/metrics-contract.js';
import { translator } from '../../src/i18n/translator.js';
import { BotHarness, SUPERVISOR, WORKER, fixedClock, type Card } from '../support/bot-harness.js';
import { sendAndApprove } from '../support/flows.js';
import { directory, HEALTH_DEPUTY, HEALTH_LEAD } from '../support/people.js';

const OFFICER = directory.dataProtectionOfficers[0]!;
const NOW = '2026-11-24T10:00:00Z';

/** The link of the card's "Lataa CSV" button. */
function csvUrlOf(card: Card): string {
  const [action] = card.actions as { type: string; url: string }[];
  expect(action?.type).toBe('Action.OpenUrl');
  return action!.url;
}

describe("the data protection officer's audit trail over HTTP", () => {
  const clock = fixedClock(NOW);
  const harness = new BotHarness(clock, { PUBLIC_BASE_URL: 'https://yhteistyobotti.example' });
  const local = (url: string) => url.replace('https://yhteistyobotti.example', harness.url);
  const auditReads = async () => (await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+')).filter(([, f]) => f.includes('request.audit_read')).length;
  const api = (path: string, personId?: string) => fetch(`${harness.url}${path}`, { headers: personId ? { [DEV_USER_HEADER]: personId } : {} });

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, HEALTH_LEAD, HEALTH_DEPUTY]) await harness.say(user, 'hei');
    await sendAndApprove(harness, 'terveysasemat');
  });
  afterAll(async () => {
    await harness.stop();
  });

  it("downloads the chat card's CSV link as semicolon-separated UTF-8 with a byte order mark, and logs the download", async () => {
    const card = (await harness.bot.auditTrail.reply({ id: OFFICER }, 'loki YT-2026-0001', { t: translator('fi'), locale: 'fi', directory })) as Card;
    const before = await auditReads();
    const response = await fetch(local(csvUrlOf(card)));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="yhteistyotiimi-loki-YT-2026-0001.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe('Aika (Suomen aikaa);Tapahtuma;Tekijä;Tekijän tunniste;Mitä;Yksikkö;Keneltä;Kenelle;Kanavan jäsenet;Kuka pyysi;Peruste;Käyttötarkoitus');
    expect(lines).toContain(
      `2026-11-24 12:00:00;Asiakaskuvaus luovutettu;Sanna Esihenkilö;${SUPERVISOR.aadObjectId};Asiakaskuvaus YT-2026-0001;Terveysasemapalvelut;Perhesosiaalityö;${HEALTH_LEAD.name};;Sanna Esihenkilö;Asiakkaan suullinen suostumus, kirjasi Wilma Työntekijä 24.11.2026 klo 12.00;Moniammatillinen työskentely Yhteistyö-tiimissä`,
    );
    expect(await auditReads()).toBe(before + 1);
  });

  it('refuses a link altered, expired, or made for someone who is not the officer', async () => {
    const card = (await harness.bot.auditTrail.reply({ id: OFFICER }, 'loki YT-2026-0001', { t: translator('fi'), locale: 'fi', directory })) as Card;
    const url = local(csvUrlOf(card));
    expect((await fetch(url.replace('/audit-exports/e', '/audit-exports/f'))).status).toBe(404);
    const forged = new AuditLinks(loadConfig({}).encryptionKeys[0]!.key, harness.url, clock).linkFor({ userId: SUPERVISOR.aadObjectId, locale: 'fi', reference: 'YT-2026-0001' });
    const refused = await fetch(forged);
    expect([refused.status, await refused.json()]).toEqual([403, { error: 'audit.not_permitted' }]);
    clock.set('2026-11-24T10:16:00Z');
    try {
      expect((await fetch(url)).status).toBe(404);
    } finally {
      clock.set(NOW);
    }
  });

  it("answers the tab's API with the trail's columns and rows in the page's language", async () => {
    const response = await api('/tab/api/audit?reference=yt-2026-1&lang=sv', OFFICER);
    expect(response.status).toBe(200);
    const body = (await response.json()) as AuditTrailResponse;
    expect(body.reference).toBe('YT-2026-0001');
    expect(body.status).toBe('Skickad till enheterna');
    expect(body.columns.slice(0, 3)).toEqual(['Tid', 'Händelse', 'Utförd av']);
    const disclosed = body.rows.filter((row) => row[1] === 'Klientbeskrivningen lämnad ut');
    expect(disclosed.map((row) => row[7])).toEqual(expect.arrayContaining([HEALTH_LEAD.name, HEALTH_DEPUTY.name]));
    expect(body.rows.at(-1)?.slice(1, 3)).toEqual(['Loggen läst', 'Tuula Tietosuoja']);
  });

  it('gives the same trail as CSV, and every refusal a status and a code', async () => {
    const csv = await api('/tab/api/audit.csv?reference=YT-2026-0001', OFFICER);
    expect(csv.status).toBe(200);
    expect(Buffer.from(await csv.arrayBuffer()).toString('utf8').startsWith('\uFEFFAika (Suomen aikaa);')).toBe(true);
    const refusals = [
      [await api('/tab/api/audit?reference=YT-2026-0001', SUPERVISOR.aadObjectId), 403, 'audit.not_permitted'],
      [await api('/tab/api/audit.csv?reference=YT-2026-0001', WORKER.aadObjectId), 403, 'audit.not_permitted'],
      [await api('/tab/api/audit?reference=YT-2026-0001'), 401, 'auth.missing_token'],
      [await api('/tab/api/audit?reference=Y', OFFICER), 400, 'audit.invalid_reference'],
      [await api('/tab/api/audit?reference=YT-2026-0404', OFFICER), 404, 'audit.not_found'],
    ] as const;
    for (const [response, status, error] of refusals) expect([response.status, await response.json()]).toEqual([status, { error }]);
    const denials = (await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+')).filter(([, f]) => f.includes('request.access_denied') && f.includes(WORKER.aadObjectId));
    expect(denials).toHaveLength(1);
  });

  it('serves the page with its own bundle, framed by Teams only, offering the officer to a developer', async () => {
    const response = await fetch(`${harness.url}/tab/audit?lang=en`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors');
    const html = await response.text();
    expect(html).toContain('<script type="module" src="assets/audit.js"></script>');
    expect(html).toContain('<main id="audit-page"');
    const data = JSON.parse(/<script type="application\/json" id="page-data">(.*)<\/script>/.exec(html)![1]!) as AuditPageData;
    expect(data.lang).toBe('en');
    expect(data.devSignIn?.people).toEqual([{ id: OFFICER, label: 'Tuula Tietosuoja' }]);
    expect((data.texts as { title: string }).title).toBe('Audit trail');
  });

  it('leaves the metrics tab where it was', async () => {
    expect((await api('/tab/api/metrics', SUPERVISOR.aadObjectId)).status).toBe(200);
    expect((await api('/tab/api/nothing', SUPERVISOR.aadObjectId)).status).toBe(404);
  });
});
