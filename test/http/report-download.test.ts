import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/http/server.js';
import { BotHarness, SUPERVISOR, fixedClock } from '../support/bot-harness.js';
import { catalogText } from '../support/catalog-text.js';

const NOW = '2026-11-24T10:00:00Z';
const HSTS = 'max-age=31536000; includeSubDomains';

describe('the chat report link', () => {
  const clock = fixedClock(NOW);
  // One proxy in front, as on App Service: its X-Forwarded-Proto says whether the client came over HTTPS.
  const harness = new BotHarness(clock, { TRUST_PROXY_HOPS: '1' });

  /** What the supervisor gets for `raportti csv`: the path of the link in the chat message. */
  const linkFromChat = async (locale = 'fi-FI'): Promise<string> => {
    const before = harness.connector.captured.length;
    await harness.post(harness.activity(SUPERVISOR, { type: 'message', text: 'raportti csv' }, locale));
    const text = String(harness.connector.captured.slice(before).at(-1)?.activity.text);
    return new URL(/\]\((http[^)]+)\)/.exec(text)![1]!).pathname;
  };
  const open = (path: string, init: RequestInit = {}) => fetch(`${harness.url}${path}`, init);
  const download = (path: string) => open(path, { method: 'POST' });

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('opens on a page whose button downloads the CSV once, after which the link is spent', async () => {
    const path = await linkFromChat();
    const page = await open(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<html lang="fi">');
    expect(html).toContain('<form method="post"><button type="submit">Lataa CSV-tiedosto</button></form>');
    // Opening the page spends nothing: a link scanner that opens it leaves the download to its holder.
    expect((await open(path)).status).toBe(200);

    const file = await download(path);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="yhteistyotiimi-mittarit.csv"');
    expect([...Buffer.from(await file.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    for (const again of [await download(path), await open(path)]) {
      expect(again.status).toBe(410);
      expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const spent = await again.text();
      expect(spent).toContain('Tällä latauslinkillä on jo ladattu tiedosto, ja linkillä voi ladata vain kerran.');
      expect(spent).toContain('Saat uuden linkin kirjoittamalla Yhteistyöbotille Teamsissa ”raportti csv”.');
      expect(spent).not.toContain('<form');
    }
  });

  it('gives one of two simultaneous downloads the file and the other the page saying the link is spent', async () => {
    const path = await linkFromChat();
    const statuses = (await Promise.all([download(path), download(path)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 410]);
  });

  it("tells of an expired link in its holder's language, and gives no file", async () => {
    const path = await linkFromChat('sv-FI');
    clock.set('2026-11-24T10:16:00Z');
    try {
      for (const expired of [await open(path), await download(path)]) {
        expect(expired.status).toBe(410);
        const html = await expired.text();
        expect(html).toContain('<html lang="sv">');
        expect(html).toContain('Den här nedladdningslänken har gått ut: länken gäller i 15 minuter.');
      }
    } finally {
      clock.set(NOW);
    }
  });

  it("refuses a forged or altered link with a page in the browser's language", async () => {
    const path = await linkFromChat();
    const [payload, signature] = path.slice('/reports/'.length).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const someoneElse = Buffer.from(JSON.stringify({ ...claims, u: '00000000-0000-4000-8000-000000000301' })).toString('base64url');
    for (const forged of [`/reports/${someoneElse}.${signature}`, `/reports/${payload}.${'A'.repeat(signature!.length)}`, '/reports/nonsense']) {
      for (const method of ['GET', 'POST']) {
        const refused = await open(forged, { method, headers: { 'accept-language': 'en-GB,en;q=0.9,fi;q=0.5' } });
        expect(refused.status, `${method} ${forged}`).toBe(404);
        const html = await refused.text();
        expect(html).toContain('<html lang="en">');
        expect(html).toContain('This download link is not valid.');
      }
    }
    expect((await download(path)).status).toBe(200);
  });

  it("answers a link that is not even a URL, or no link at all, with a page in the browser's language, never JSON", async () => {
    const cases: [string, number][] = [
      ['/reports/%E0%A4%A', 400],
      ['/reports/abc%ZZ.def', 400],
      ['/reports/', 404],
      ['/reports', 404],
      ['/reports/a.b/c', 404],
    ];
    for (const [path, status] of cases) {
      for (const method of ['GET', 'POST']) {
        const refused = await open(path, { method, headers: { 'accept-language': 'sv-FI,sv;q=0.9' } });
        expect(refused.status, `${method} ${path}`).toBe(status);
        expect(refused.headers.get('content-type'), `${method} ${path}`).toBe('text/html; charset=utf-8');
        const html = await refused.text();
        expect(html).toContain('<html lang="sv">');
        expect(html).toContain(catalogText('reportLink.invalid', {}, 'sv'));
        expect(html).toContain(catalogText('reportLink.again', {}, 'sv'));
      }
    }
  });

  it('gives a CSV separated by semicolons, with a byte order mark, CRLF lines and headers in the holder’s language', async () => {
    const file = await download(await linkFromChat('sv-FI'));
    const bytes = Buffer.from(await file.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const [header] = text.split('\r\n');
    expect(header!.split(';').slice(0, 3)).toEqual([catalogText('report.unit', {}, 'sv'), catalogText('report.month', {}, 'sv'), catalogText('report.metric.sent', {}, 'sv')]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('sends Strict-Transport-Security on every response to a client that came over HTTPS, and none over plain HTTP', async () => {
    const path = await linkFromChat();
    const https = { 'x-forwarded-proto': 'https' };
    const responses = [
      await open('/healthz', { headers: https }),
      await open(path, { headers: https }),
      await open(path, { method: 'POST', headers: https }),
      await open('/api/messages', { method: 'POST', headers: { ...https, 'content-type': 'application/json' }, body: '{}' }),
      await open('/tab/metrics', { headers: https }),
      await open('/privacy', { headers: https }),
      await open('/no-such-page', { headers: https }),
    ];
    expect(responses.map((r) => r.headers.get('strict-transport-security'))).toEqual(responses.map(() => HSTS));
    for (const plain of [await open('/healthz'), await open('/privacy'), await open('/tab/metrics')]) expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('HTTPS as a client claims it', () => {
  let server: Server;

  beforeAll(async () => {
    const app = createHttpApp({ messages: (_req, res) => void res.end(), ready: async () => true, reports: express.Router() }, { warn: () => undefined }, { trustProxyHops: 0 });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('is not believed without a trusted proxy in front: no Strict-Transport-Security for a forwarded header from anyone', async () => {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});
