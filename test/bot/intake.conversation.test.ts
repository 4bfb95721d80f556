import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import {
  BotHarness,
  OTHER_WORKER,
  STRANGER,
  WORKER,
  actionData,
  actionTitles,
  fixedClock,
  inputValues,
  inputs,
  submission,
  texts,
  type Card,
} from '../support/bot-harness.js';
import { catalogText, fiPattern, fiText } from '../support/catalog-text.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { directory } from '../support/people.js';

const COMPLETE = COMPLETE_FORM_EDITS;
/** Someone whose chat with the bot has never been opened. */
const STRANGER_IN_CHAT = { name: 'Uusi Käyttäjä', aadObjectId: '00000000-0000-4000-8000-00000000f4e5' };

describe('intake in a personal chat', () => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const harness = new BotHarness(clock);

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(async () => {
    await harness.deleteKeys();
    harness.connector.clear();
  });

  const send = (card: Card, edits: Record<string, string> = {}) => harness.execute(WORKER, Verb.submitRequest, submission(card, Verb.submitRequest, edits));
  const save = (card: Card, edits: Record<string, string> = {}) => harness.execute(WORKER, Verb.saveDraft, submission(card, Verb.saveDraft, edits));

  it('welcomes a worker in Finnish with new request, my requests and help', async () => {
    const card = await harness.say(WORKER, 'hei');
    expect(texts(card)[0]).toBe(fiText('welcome.title', { name: WORKER.name }));
    expect(actionTitles(card)).toEqual(['welcome.newRequest', 'welcome.myRequests', 'welcome.help'].map((key) => fiText(key)));
  });

  it('welcomes in Swedish when the activity is in Swedish', async () => {
    const card = await harness.say(WORKER, 'hej', 'sv-FI');
    expect(texts(card)[0]).toBe(catalogText('welcome.title', { name: WORKER.name }, 'sv'));
    expect(actionTitles(card)).toEqual(['welcome.newRequest', 'welcome.myRequests', 'welcome.help'].map((key) => catalogText(key, {}, 'sv')));
  });

  it('greets when the app is installed, in Finnish when the event has no locale', async () => {
    const reply = await harness.post(harness.activity(WORKER, { type: 'installationUpdate', action: 'add', locale: undefined }));
    expect(reply.status).toBe(200);
    const sent = harness.connector.captured.at(-1)!;
    expect(JSON.stringify(sent.activity)).toContain(fiText('welcome.title', { name: WORKER.name }));
  });

  it('greets once when Teams announces the chat both as an installation and as the bot joining', async () => {
    const chat = harness.conversationId(STRANGER_IN_CHAT);
    await harness.post(harness.activity(STRANGER_IN_CHAT, { type: 'installationUpdate', action: 'add' }));
    await harness.post(harness.activity(STRANGER_IN_CHAT, { type: 'conversationUpdate', membersAdded: [{ id: '28:yhteistyobotti' }, { id: `29:${STRANGER_IN_CHAT.aadObjectId}` }] }));
    expect(harness.sentTo(chat)).toHaveLength(1);
  });

  it('says it did not understand a message that is no command, and shows what it does understand', async () => {
    const card = await harness.say(WORKER, 'asdf qwerty');
    expect(texts(card)[0]).toBe(fiText('help.notUnderstood'));
    expect(texts(card)).toContain(fiText('help.title'));
    expect(texts(await harness.say(WORKER, 'moi'))[0]).toBe(fiText('welcome.title', { name: WORKER.name }));
  });

  it('opens the anonymous client description with the guide fields in order, prefilled for the worker', async () => {
    const card = await harness.say(WORKER, 'uusi pyyntö');
    expect([...inputs(card).keys()]).toEqual([
      'descriptionDate',
      'sendingUnitId',
      'senderContact',
      'collaborationUnitIds',
      'wantedServices',
      'receivedServices',
      'whatWorked',
      'assessmentHighlights',
      'consentRecorded',
      'needConfirmedInTeam',
    ]);
    const values = inputValues(card);
    expect(values.descriptionDate).toBe('2026-11-24');
    expect(values.sendingUnitId).toBe('perhesosiaalityo');
    expect(values.senderContact).toContain('Wilma Työntekijä');
    expect(values.senderContact).toContain('wilma.tyontekija@hyvinvointialue.example');
    const choices = (inputs(card).get('collaborationUnitIds')!.choices as { value: string }[]).map((c) => c.value);
    // Every unit of the directory but the worker's own.
    expect(choices.length).toBe(directory.units.length - 1);
  });

  it('refuses a henkilötunnus, names the field and kind without echoing it, and keeps all typed text', async () => {
    const form = await harness.newForm(WORKER);
    const card = await send(form, { ...COMPLETE, receivedServices: 'Asiakas 010203A123N on saanut perhetyötä.' });
    const shown = JSON.stringify(texts(card));
    expect(shown).toContain(fiText('errors.privacy.personal_identity_code', { field: fiText('fieldNames.receivedServices') }));
    expect(shown).not.toContain('010203A123N');
    expect(inputValues(card).receivedServices).toBe('Asiakas 010203A123N on saanut perhetyötä.');
    expect(inputValues(card).wantedServices).toBe(COMPLETE.wantedServices);
    expect(await harness.bot.redis.keys(`${harness.prefix}{wf}:request:*`)).toEqual([]);
  });

  it('names several kinds of identifier in one field in one sentence, so a text full of them keeps the form within Teams’ size limit', async () => {
    const form = await harness.newForm(WORKER);
    const card = await send(form, { ...COMPLETE, receivedServices: 'Soita 040 123 4567 tai kirjoita asiakas@example.fi.' });
    const kinds = `${fiText('errors.privacyKinds.phone')} ja ${fiText('errors.privacyKinds.email')}`;
    expect(texts(card)).toContain(fiText('errors.privacySeveral', { field: fiText('fieldNames.receivedServices'), kinds }));
  });

  it('warns about a likely name and sends once the worker confirms it is not a name', async () => {
    const form = await harness.newForm(WORKER);
    const warned = await send(form, { ...COMPLETE, whatWorked: 'Mikko-isän kanssa kotikäynnit ovat toimineet.' });
    expect(texts(warned).join(' ')).toContain('Mikko');
    expect(inputs(warned).has('confirmNames')).toBe(true);
    const sent = await send(warned, { confirmNames: 'true' });
    expect(texts(sent)[0]).toMatch(fiPattern('sent.title'));
  });

  it('shows each missing field next to the field, localized, and keeps the draft', async () => {
    const form = await harness.newForm(WORKER, 'sv-FI');
    const card = await harness.execute(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, { wantedServices: 'Stöd i vardagen.' }), 'sv-FI');
    const shown = texts(card);
    for (const key of ['errors.field.at_least_one_unit', 'errors.field.required', 'errors.field.must_confirm']) expect(shown).toContain(catalogText(key, {}, 'sv'));
    expect(inputValues(card).wantedServices).toBe('Stöd i vardagen.');
    const list = await harness.execute(WORKER, Verb.myRequests, {});
    expect(texts(list)).toContain(fiText('list.draftLabel'));
  });

  it('does not offer the sending unit as a collaboration unit, and refuses it if sent anyway', async () => {
    const form = await harness.newForm(WORKER);
    const offered = (inputs(form).get('collaborationUnitIds')?.choices as { value: string }[]).map((c) => c.value);
    expect(offered).not.toContain('perhesosiaalityo');
    expect(offered).toContain('lastenpsykiatria');
    const card = await send(form, { ...COMPLETE, collaborationUnitIds: 'perhesosiaalityo,lastenpsykiatria' });
    expect(texts(card)).toContain(fiText('errors.field.same_as_sending_unit'));
  });

  it('saves a draft, lists it and reopens it with everything typed', async () => {
    const form = await harness.newForm(WORKER);
    const saved = await save(form, { wantedServices: 'Tukea arkeen.' });
    expect(texts(saved)).toContainEqual(expect.stringMatching(fiPattern('form.saved')));
    const list = await harness.say(WORKER, 'omat pyynnöt');
    expect(texts(list)).toContain(fiText('list.draftLabel'));
    const requestId = (submission(form, Verb.saveDraft).requestId as string);
    const reopened = await harness.execute(WORKER, Verb.openRequest, { requestId });
    expect(inputValues(reopened).wantedServices).toBe('Tukea arkeen.');
  });

  it('sends a request, gives it the next reference of the year and lists it with its status', async () => {
    const first = await send(await harness.newForm(WORKER), COMPLETE);
    const second = await send(await harness.newForm(WORKER), COMPLETE);
    expect(texts(first)[0]).toBe(fiText('sent.title', { reference: 'YT-2026-0001' }));
    expect(texts(second)[0]).toBe(fiText('sent.title', { reference: 'YT-2026-0002' }));
    const list = texts(await harness.execute(WORKER, Verb.myRequests, {}));
    expect(list).toContain(fiText('caseload.row', { reference: 'YT-2026-0001', status: fiText('status.submitted') }));
  });

  it('gives one reference for a double click on send', async () => {
    const form = await harness.newForm(WORKER);
    const [a, b] = await Promise.all([send(form, COMPLETE), send(form, COMPLETE)]);
    expect([texts(a)[0], texts(b)[0]]).toEqual([0, 0].map(() => fiText('sent.title', { reference: 'YT-2026-0001' })));
    expect((await harness.bot.redis.get(`${harness.prefix}{wf}:reference:2026`))).toBe('1');
  });

  it('asks to try again, keeping the text, when a send comes while a dead process still holds the request, and then says it was sent', async () => {
    const form = await harness.newForm(WORKER);
    const requestId = String(submission(form, Verb.submitRequest).requestId);
    await send(form, COMPLETE);
    // The first send went through on an instance killed before it answered, and before it let go of the request.
    await harness.bot.redis.set(`${harness.prefix}lock:request:${requestId}`, 'dead-instance', 'PX', 10_000);
    const held = await send(form, { ...COMPLETE, wantedServices: 'Yhä kortilla.' });
    expect(texts(held)).toContain(fiText('errors.request.busy'));
    expect(inputValues(held).wantedServices).toBe('Yhä kortilla.');
    await harness.bot.redis.del(`${harness.prefix}lock:request:${requestId}`);
    expect(texts(await send(held))[0]).toBe(fiText('sent.title', { reference: 'YT-2026-0001' }));
  });

  it('refuses a stale save over a newer version and keeps the stale card text', async () => {
    const form = await harness.newForm(WORKER);
    const v1 = await save(form, { wantedServices: 'Ensimmäinen.' });
    await save(v1, { wantedServices: 'Toinen ikkuna.' });
    const stale = await save(v1, { wantedServices: 'Vanha kortti.' });
    expect(texts(stale)).toContain(fiText('form.changedElsewhere'));
    expect(inputValues(stale).wantedServices).toBe('Vanha kortti.');
    const again = await save(stale);
    expect(texts(again)).toContainEqual(expect.stringMatching(fiPattern('form.saved')));
  });

  it('deletes a draft', async () => {
    const form = await harness.newForm(WORKER);
    await save(form, { wantedServices: 'Poistettava.' });
    const requestId = submission(form, Verb.saveDraft).requestId;
    const asked = await harness.execute(WORKER, Verb.deleteDraft, { requestId });
    expect(texts(asked)).toContain(fiText('confirm.deleteDraft'));
    const list = await harness.execute(WORKER, Verb.deleteDraft, actionData(asked, Verb.deleteDraft));
    expect(texts(list)).toContain(fiText('list.deleted'));
    expect(texts(list)).toContain(fiText('caseload.empty'));
  });

  it("refuses to open another worker's draft and audit-logs the attempt", async () => {
    const form = await harness.newForm(WORKER);
    await save(form, { wantedServices: 'Oma luonnos.' });
    const requestId = submission(form, Verb.saveDraft).requestId;
    const card = await harness.execute(OTHER_WORKER, Verb.openRequest, { requestId });
    expect(texts(card)).toContain(fiText('errors.request.not_owner'));
    const audit = await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+');
    expect(audit.map(([, f]) => f.join(' ')).join('\n')).toContain('request.access_denied');
  });

  it('tells a user outside the unit directory whom to ask', async () => {
    const card = await harness.newForm(STRANGER);
    expect(texts(card)).toContain(fiText('errors.request.unknown_worker'));
  });

  it('keeps descriptions out of channels', async () => {
    const reply = await harness.post(
      harness.activity(WORKER, { type: 'message', text: 'uusi', conversation: { id: '19:channel@thread.tacv2', conversationType: 'channel' } }),
    );
    expect(reply.status).toBe(200);
    expect(harness.connector.captured.at(-1)!.activity.text).toBe(`${fiText('errors.personalChatOnly')} ${fiText('channel.help')}`);
  });

  it('answers a redelivered message once', async () => {
    const activity = harness.activity(WORKER, { type: 'message', text: 'hei' });
    await harness.post(activity);
    await harness.post(activity);
    expect(harness.connector.captured).toHaveLength(1);
  });

  it('answers malformed activities with 400, not 500', async () => {
    expect((await harness.post({})).status).toBe(400);
    expect((await harness.post({ type: 'message', serviceUrl: 'not a url' })).status).toBe(400);
    const raw = await fetch(`${harness.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(raw.status).toBe(400);
  });

  it('answers a tampered card submit with a localized notice', async () => {
    const card = await harness.execute(WORKER, Verb.saveDraft, { requestId: '../../etc', version: 'x' });
    expect(texts(card)).toContain(fiText('errors.unknownAction'));
  });

  it('switches the language on request and remembers it', async () => {
    await harness.say(WORKER, 'svenska');
    const card = await harness.say(WORKER, 'hei');
    expect(texts(card)[0]).toBe(catalogText('welcome.title', { name: WORKER.name }, 'sv'));
  });
});
