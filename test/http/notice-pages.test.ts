import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness } from '../support/bot-harness.js';
import { translator } from '../../src/i18n/translator.js';
import { catalogText, fiText } from '../support/catalog-text.js';

describe('the privacy notice and terms of use the app package links to', () => {
  const harness = new BotHarness(undefined, { RETENTION_DAYS: '45' });
  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('serves the privacy notice in Finnish by default, with the configured retention period', async () => {
    const response = await fetch(`${harness.url}/privacy`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="fi">');
    expect(html).toContain(fiText('notices.privacy.title'));
    expect(html).toContain(fiText('notices.privacy.paragraphs.4', { period: '45 päivän' }));
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('counts the retention period in days with the plural each language needs', async () => {
    expect(await (await fetch(`${harness.url}/privacy?lang=en`)).text()).toContain('deleted 45 days after');
    expect(await (await fetch(`${harness.url}/privacy?lang=sv`)).text()).toContain('raderas 45 dagar efter');
    expect(translator('en')('notices.privacy.retentionPeriod', { count: 1 })).toBe('1 day');
    expect(translator('sv')('notices.privacy.retentionPeriod', { count: 1 })).toBe('1 dag');
  });

  it('serves the terms in Swedish and English when asked', async () => {
    expect(await (await fetch(`${harness.url}/terms?lang=sv`)).text()).toContain(catalogText('notices.terms.title', {}, 'sv'));
    expect(await (await fetch(`${harness.url}/terms?lang=en-GB`)).text()).toContain(catalogText('notices.terms.title', {}, 'en'));
  });

  it("answers the app's website link with the terms, which say what the bot is for", async () => {
    const response = await fetch(`${harness.url}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/terms');
  });
});
