import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { translator } from '../../src/i18n/translator.js';
import { BotHarness, SUPERVISOR, WORKER, fixedClock, inputValues, submission, texts } from '../support/bot-harness.js';
import { fiText } from '../support/catalog-text.js';

describe('when Redis does not answer', () => {
  // Nothing listens on port 1: every command fails as in an outage.
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'), { REDIS_URL: 'redis://127.0.0.1:1' });

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('still welcomes the worker', async () => {
    const card = await harness.say(WORKER, 'hei');
    expect(texts(card)[0]).toBe(fiText('welcome.title', { name: WORKER.name }));
  });

  it('gives back the card with everything typed and asks to try again, without a stack trace', async () => {
    const form = await harness.newForm(WORKER);
    const typed = { wantedServices: 'Ei saa kadota.', whatWorked: 'Kotikäynnit.' };
    const card = await harness.execute(WORKER, Verb.saveDraft, submission(form, Verb.saveDraft, typed));
    expect(texts(card)).toContain(fiText('form.storeUnavailable'));
    expect(inputValues(card)).toMatchObject(typed);
    expect(JSON.stringify(card)).not.toMatch(/at .*\.ts:\d+|ECONNREFUSED|Error:/);
  });

  it('keeps the text on the card when sending fails too', async () => {
    const form = await harness.newForm(WORKER);
    const card = await harness.execute(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, { wantedServices: 'Ei saa kadota.' }));
    expect(inputValues(card).wantedServices).toBe('Ei saa kadota.');
  });

  it('answers a chat command whose use case fails in the user\'s language, and logs the failure once without what was typed', async () => {
    const sent = harness.connector.captured.length;
    const logged = harness.logLines.length;
    const reply = await harness.post(harness.activity(SUPERVISOR, { type: 'message', text: 'tauota muistutukset 2026-12-21..2027-01-03' }, 'sv-FI'));
    expect(reply.status).toBe(200);
    expect(harness.connector.captured.slice(sent).map((c) => c.activity.text)).toEqual([translator('sv')('errors.unexpected')]);
    const failures = harness.logLines.slice(logged).filter((line) => /failed/.test(line));
    expect(failures.map((line) => JSON.parse(line) as Record<string, unknown>)).toMatchObject([{ level: 50, msg: 'command failed', command: 'pause' }]);
    expect(failures[0]).not.toContain('tauota');
  });

  it('stays alive but reports not ready, so the load balancer sends traffic elsewhere', async () => {
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${harness.url}/readyz`)).status).toBe(503);
  });
});
