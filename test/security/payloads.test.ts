import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, WORKER, fixedClock, submission, texts } from '../support/bot-harness.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { fiText } from '../support/catalog-text.js';

const UNKNOWN_ACTION = fiText('errors.unknownAction');

/** JSON.parse keeps "__proto__" as a key of its own, as express.json does with a request body. */
const parsed = (json: string) => JSON.parse(json) as Record<string, unknown>;

describe('card data the bot does not take', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));
  let requestId = '';
  const answerText = (reply: Awaited<ReturnType<BotHarness['click']>>) => (typeof reply === 'string' ? reply : texts(reply).join(' '));
  const stored = () => harness.bot.redis.hgetall(`${harness.prefix}{wf}:request:${requestId}`);

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR]) await harness.say(user, 'hei');
    const form = await harness.newForm(WORKER);
    requestId = String(submission(form, Verb.submitRequest).requestId);
    await harness.execute(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, COMPLETE_FORM_EDITS));
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('refuses __proto__, constructor and prototype keys at any depth, and pollutes nothing', async () => {
    const before = await stored();
    const payloads = [
      parsed(`{"requestId":"${requestId}","__proto__":{"isAdmin":true}}`),
      parsed(`{"requestId":"${requestId}","nested":{"constructor":{"prototype":{"isAdmin":true}}}}`),
      parsed(`{"requestId":"${requestId}","list":[{"prototype":1}]}`),
    ];
    for (const data of payloads) expect(answerText(await harness.click(SUPERVISOR, Verb.approve, data))).toBe(UNKNOWN_ACTION);
    expect(answerText(await harness.click(WORKER, Verb.setLanguage, parsed('{"locale":"sv","__proto__":{"locale":"en"}}')))).toBe(UNKNOWN_ACTION);
    expect(await stored()).toEqual(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses the same in an Action.Submit from a client without Universal Actions', async () => {
    await harness.post(harness.activity(SUPERVISOR, { type: 'message', value: parsed(`{"verb":"${Verb.approve}","requestId":"${requestId}","__proto__":{"x":1}}`) }));
    expect(harness.connector.captured.at(-1)!.activity.text).toBe(UNKNOWN_ACTION);
  });

  it('refuses keys the card never sends, and verbs it does not know', async () => {
    const before = await stored();
    expect(answerText(await harness.click(SUPERVISOR, Verb.approve, { requestId, unitId: 'lastenpsykiatria' }))).toBe(UNKNOWN_ACTION);
    expect(answerText(await harness.click(WORKER, Verb.withdraw, { requestId, ownerId: SUPERVISOR.aadObjectId }))).toBe(UNKNOWN_ACTION);
    expect(answerText(await harness.click(WORKER, Verb.setLanguage, { locale: 'sv', extra: '1' }))).toBe(UNKNOWN_ACTION);
    expect(answerText(await harness.click(SUPERVISOR, 'request.approveAll', { requestId }))).toContain(UNKNOWN_ACTION);
    expect(answerText(await harness.click(SUPERVISOR, 'constructor', {}))).toContain(UNKNOWN_ACTION);
    expect(await stored()).toEqual(before);
  });

  it('refuses an activity over 256 KB with 413, before it is parsed or reaches the bot', async () => {
    const sent = harness.connector.captured.length;
    const huge = JSON.stringify(harness.activity(WORKER, { type: 'message', text: 'a'.repeat(300 * 1024) }));
    const response = await fetch(`${harness.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'entity.too.large' });
    expect(harness.connector.captured).toHaveLength(sent);
  });

  it('still takes what the card does send, with the other inputs of the case card', async () => {
    const caseInputs = { processingDate: '', proposedUnitId: '', proposalReason: '', workerId: '' };
    const reply = await harness.click(SUPERVISOR, Verb.returnToWorker, { requestId, returnComment: 'Täydennä palvelut.', ...caseInputs });
    expect(typeof reply).toBe('object');
    expect(answerText(reply)).toContain('YT-2026-0001');
  });
});
