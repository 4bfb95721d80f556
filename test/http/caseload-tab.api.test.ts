import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseloadPageData, CaseloadResponse } from '../../src/http/caseload-contract.js';
import { DEV_USER_HEADER } from '../../src/http/metrics-contract.js';
import { BotHarness, STRANGER, SUPERVISOR, WORKER, fixedClock } from '../support/bot-harness.js';
import { catalogText, fiText } from '../support/catalog-text.js';
import { sendAndApprove } from '../support/flows.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { HEALTH_LEAD, directory } from '../support/people.js';

const REFERENCE = 'YT-2026-0001';
const HEALTH = directory.unitName('terveysasemat', 'fi')!;

describe('the "Omat asiat" tab over HTTP', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));
  const api = (path: string, personId?: string) => fetch(`${harness.url}${path}`, { headers: personId ? { [DEV_USER_HEADER]: personId } : {} });
  const caseload = async (personId: string, lang = 'fi') => {
    const response = await api(`/tab/api/caseload?lang=${lang}`, personId);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return { raw: JSON.stringify(await response.clone().json()), body: (await response.json()) as CaseloadResponse };
  };

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, HEALTH_LEAD]) await harness.say(user, 'hei');
    await sendAndApprove(harness, 'terveysasemat');
    await harness.bot.settled();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('lists the sender\'s case with its reference, status and next step, a link into the chat, and no description text', async () => {
    const { raw, body } = await caseload(WORKER.aadObjectId);
    expect(body.empty).toBe('');
    expect(body.columns).toEqual([fiText('caseload.tab.reference'), fiText('caseload.tab.status'), fiText('caseload.tab.next')]);
    expect(body.sections.map((s) => [s.kind, s.heading])).toEqual([['sent', fiText('caseload.groups.sent')]]);
    const [row] = body.sections[0]!.rows;
    expect(row).toMatchObject({ reference: REFERENCE, status: fiText('status.routed'), next: fiText('caseload.next.acknowledge', { holder: HEALTH }) });
    const link = new URL(row!.chatLink);
    expect(`${link.origin}${link.pathname}`).toBe('https://teams.microsoft.com/l/chat/0/0');
    expect(link.searchParams.get('users')?.startsWith('28:')).toBe(true);
    expect(link.searchParams.get('message')).toBe('omat asiat');
    for (const text of Object.values(COMPLETE_FORM_EDITS).filter((t) => t.length > 12)) expect(raw).not.toContain(text);
  });

  it("lists what the receiving lead's unit received, in the page's language", async () => {
    const { body } = await caseload(HEALTH_LEAD.aadObjectId, 'sv');
    expect(body.sections.map((s) => s.heading)).toEqual([catalogText('caseload.groups.received', {}, 'sv')]);
    expect(body.sections[0]!.rows[0]).toMatchObject({ reference: REFERENCE, status: catalogText('status.routed', {}, 'sv') });
    expect(body.openChat).toBe(catalogText('caseload.tab.openChat', {}, 'sv'));
  });

  it("lists the approved case for the sending unit's supervisor as sent by their unit, in English too", async () => {
    const { body } = await caseload(SUPERVISOR.aadObjectId, 'en');
    expect(body.sections.map((s) => [s.kind, s.heading])).toEqual([['sending', catalogText('caseload.groups.sending', {}, 'en')]]);
    expect(body.sections[0]!.rows[0]).toMatchObject({ reference: REFERENCE, status: catalogText('status.routed', {}, 'en') });
  });

  it('tells someone who is part of no case so, and refuses an unsigned call', async () => {
    expect((await caseload(STRANGER.aadObjectId)).body).toMatchObject({ sections: [], empty: fiText('caseload.empty') });
    const unsigned = await api('/tab/api/caseload');
    expect([unsigned.status, await unsigned.json()]).toEqual([401, { error: 'auth.missing_token' }]);
    const bad = await api('/tab/api/caseload?lang=de', WORKER.aadObjectId);
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'request.bad_query' }]);
  });

  it('serves the page with its own bundle, framed by Teams only, and leaves the other tabs where they were', async () => {
    const response = await fetch(`${harness.url}/tab/caseload?lang=en`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain('frame-ancestors');
    const html = await response.text();
    expect(html).toContain('<script type="module" src="assets/caseload.js"></script>');
    expect(html).toContain('<main id="caseload-page"');
    const data = JSON.parse(/<script type="application\/json" id="page-data">(.*)<\/script>/.exec(html)![1]!) as CaseloadPageData;
    expect(data.lang).toBe('en');
    expect((data.texts as { title: string }).title).toBe('My cases');
    expect(data.devSignIn?.people).toContainEqual({ id: WORKER.aadObjectId, label: WORKER.name });
    expect((await api('/tab/api/metrics', SUPERVISOR.aadObjectId)).status).toBe(200);
    expect((await api('/tab/api/nothing', SUPERVISOR.aadObjectId)).status).toBe(404);
  });
});
