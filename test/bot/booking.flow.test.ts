import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { sandboxEnvironment, startGraphSandbox, type GraphSandbox } from '../../scripts/graph-sandbox/server.js';
import { countyInstant } from '../../src/domain/slots/calendar-days.js';
import { BotHarness, SUPERVISOR, WORKER, actionData, actionTitles, actionVerbs, fixedClock, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { acknowledgeAndName, clickConfirmed, sendAndApprove } from '../support/flows.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { HEALTH_LEAD, HEALTH_MEMBER, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, directory } from '../support/people.js';
import { fiPattern, fiText } from '../support/catalog-text.js';

const email = (id: string) => directory.person(id)!.email!;
const SERIES = fiText('meeting.seriesSubject');
const subjectOf = (reference: string) => fiText('meeting.subject', { reference });
const when = (date: string, from: string, to: string) => fiText('meeting.when', { date, from, to });
const CHOOSE = fiText('meeting.choose');

describe('booking the next free Yhteistyöaika through Microsoft Graph', () => {
  let sandbox: GraphSandbox;
  let harness: BotHarness;
  let requestId = '';
  let seriesReply = '';
  const lastCardTo = (user: TestUser): Card => harness.currentCard(user);

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    // The psychiatry worker is busy through the first occurrence a booking could take.
    sandbox.calendars.addBusy(email(PSYCHIATRY_MEMBER.aadObjectId), countyInstant('2026-12-09', '11:00').toISOString(), countyInstant('2026-12-09', '14:00').toISOString());
    harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'), { ...sandboxEnvironment(sandbox), YHTEISTYOAIKA_ANCHOR: '2026-11-25' });
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, PSYCHIATRY_LEAD, PSYCHIATRY_MEMBER, HEALTH_LEAD, HEALTH_MEMBER]) await harness.say(user, 'hei');
    // The standing series fills the worker's calendar at every Yhteistyöaika: booking must see past it.
    seriesReply = texts(await harness.say(SUPERVISOR, 'lähetä yhteistyöaika')).join(' ');
    await harness.say(SUPERVISOR, 'lähetä yhteistyöaika');
    requestId = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await acknowledgeAndName(harness, requestId, '2026-11-26');
  });
  afterAll(async () => {
    await harness.stop();
    await sandbox.stop();
  });

  it("sends a social-care unit's standing Yhteistyöaika series once, every other Wednesday, however often asked", async () => {
    expect(seriesReply).toBe(fiText('meeting.seriesSent', { units: fiText('meeting.seriesUnit', { unit: directory.unitName('perhesosiaalityo', 'fi')!, count: 4 }) }));
    const series = sandbox.calendars.eventsOf(email(SUPERVISOR.aadObjectId)).filter((e) => e.subject === SERIES);
    expect(series).toHaveLength(1);
    expect(series[0]!.recurrence?.intervalWeeks).toBe(2);
    expect(sandbox.calendars.eventsOf(email(WORKER.aadObjectId)).some((e) => e.subject === SERIES)).toBe(true);
    expect(texts(await harness.say(HEALTH_LEAD, 'lähetä yhteistyöaika')).join(' ')).toContain(fiText('meeting.seriesNotSupervisor'));
  });

  it('proposes three Wednesdays to the chair, explaining the one skipped for a busy worker and the one for a holiday', () => {
    const card = lastCardTo(WORKER);
    const shown = texts(card);
    expect(shown).toEqual(expect.arrayContaining(['23.12.2026', '20.1.2027', '3.2.2027'].map((date) => when(date, '12.00', '12.45'))));
    expect(shown).toContain(fiText('meeting.skippedBusy', { date: '9.12.2026', people: PSYCHIATRY_MEMBER.name }));
    expect(shown).toContain(fiText('meeting.skippedHoliday', { date: '6.1.2027', name: 'loppiainen' }));
    expect(actionTitles(card).filter((title) => title === CHOOSE)).toHaveLength(3);
  });

  it('shows the named workers the proposals without the chair’s buttons', () => {
    const card = lastCardTo(HEALTH_MEMBER);
    expect(texts(card)).toContain(when('23.12.2026', '12.00', '12.45'));
    expect(actionTitles(card)).not.toContain(CHOOSE);
  });

  it('lets a named worker ask for another round before the chair chooses, and nobody outside the request', async () => {
    harness.connector.clear();
    await harness.click(HEALTH_MEMBER, Verb.otherTimes, { requestId });
    expect(texts(lastCardTo(WORKER))).toContain(when('23.12.2026', '12.00', '12.45'));
    expect(await harness.click(HEALTH_LEAD, Verb.otherTimes, { requestId })).toBe(fiText('errors.request.not_permitted'));
  });

  it('answers a choice from a card older than the proposals with the current times and books nothing', async () => {
    const shown = actionData(lastCardTo(WORKER), Verb.chooseSlot);
    expect(shown).toMatchObject({ requestId, index: 0, start: countyInstant('2026-12-23', '12:00').toISOString() });
    // The button of a card sent before a new round, whose first time was another Wednesday.
    const stale = { ...shown, start: countyInstant('2026-12-09', '12:00').toISOString() };
    const answer = await harness.click(WORKER, Verb.chooseSlot, stale);
    if (typeof answer === 'string') throw new Error(`expected the current card, got: ${answer}`);
    expect(texts(answer)).toContain(fiText('errors.request.proposals_changed'));
    expect(texts(answer)).toContain(when('23.12.2026', '12.00', '12.45'));
    expect(actionTitles(answer).filter((title) => title === CHOOSE)).toHaveLength(3);
    expect(sandbox.calendars.eventsOf(email(WORKER.aadObjectId)).filter((e) => e.subject !== SERIES)).toEqual([]);
  });

  it('refuses a choice by anyone but the chair', async () => {
    expect(await harness.click(HEALTH_MEMBER, Verb.chooseSlot, { requestId, index: 0 })).toBe(fiText('errors.request.not_permitted'));
  });

  it('books the chosen time as one Teams meeting in every attendee’s calendar, with no client data', async () => {
    await harness.click(WORKER, Verb.chooseSlot, { requestId, index: 0 });
    const organizer = sandbox.calendars.eventsOf(email(WORKER.aadObjectId)).filter((e) => e.subject !== SERIES);
    expect(organizer).toHaveLength(1);
    expect(organizer[0]).toMatchObject({ subject: subjectOf('YT-2026-0001'), start: countyInstant('2026-12-23', '12:00'), end: countyInstant('2026-12-23', '12:45') });
    for (const worker of [PSYCHIATRY_MEMBER, HEALTH_MEMBER]) expect(sandbox.calendars.eventsOf(email(worker.aadObjectId))).toHaveLength(1);
    const booked = lastCardTo(HEALTH_MEMBER);
    expect(texts(booked)).toContain(fiText('meeting.booked', { when: when('23.12.2026', '12.00', '12.45') }));
    expect(JSON.stringify(booked)).toContain('https://teams.microsoft.com/l/meetup-join/');
    for (const text of Object.values(COMPLETE_FORM_EDITS).filter((v) => v.length > 20)) {
      expect(sandbox.requests.filter((r) => `${r.url} ${r.body}`.includes(text))).toEqual([]);
    }
  });

  it('refuses a second choice, and the chosen parts are held for no other case', async () => {
    const again = await harness.execute(WORKER, Verb.chooseSlot, { requestId, index: 1 });
    expect(texts(again)).toContainEqual(expect.stringMatching(fiPattern('errors.request.already_decided', { name: WORKER.name })));
    expect(actionVerbs(again)).not.toContain(Verb.chooseSlot);
    // In the sending unit's own Yhteistyöaika, two parts as the directory leaves it by default.
    expect(await harness.bot.redis.hgetall(`${harness.prefix}{slots}:unit:perhesosiaalityo:yhteistyoaika:2026-12-23`)).toEqual({ parts: '2', '0': requestId });
  });

  let second = '';

  it('ends a 429 and 503 storm during booking with exactly one event', async () => {
    second = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await acknowledgeAndName(harness, second, '2026-11-26');
    sandbox.faults.throttle(2, 0, /\/events$/);
    sandbox.faults.unavailable(2, { retryAfterSeconds: 0, afterWork: true }, /\/events$/);
    await harness.click(WORKER, Verb.chooseSlot, { requestId: second, index: 0 });
    const events = sandbox.calendars.eventsOf(email(WORKER.aadObjectId)).filter((e) => e.subject === subjectOf('YT-2026-0002'));
    expect(events).toHaveLength(1);
    expect(events[0]!.start).toEqual(countyInstant('2026-12-23', '12:45'));
  });

  it('moves the meeting to another proposed time: the same event changes in every calendar', async () => {
    await harness.click(WORKER, Verb.reschedule, { requestId });
    const proposals = lastCardTo(WORKER);
    expect(actionTitles(proposals).filter((title) => title === CHOOSE).length).toBeGreaterThan(0);
    await harness.click(WORKER, Verb.chooseSlot, { requestId, index: 1 });
    const events = sandbox.calendars.eventsOf(email(WORKER.aadObjectId)).filter((e) => e.subject === subjectOf('YT-2026-0001'));
    expect(events).toHaveLength(1);
    expect(events[0]!.start).not.toEqual(countyInstant('2026-12-23', '12:00'));
    expect(await harness.bot.redis.hgetall(`${harness.prefix}{slots}:unit:perhesosiaalityo:yhteistyoaika:2026-12-23`)).not.toHaveProperty('0');
    expect(texts(lastCardTo(HEALTH_MEMBER)).some((line) => fiPattern('meeting.booked').test(line))).toBe(true);
  });

  it('cancels the meeting for everyone with a comment that carries only the reference', async () => {
    const asked = await harness.click(WORKER, Verb.cancelMeeting, { requestId });
    expect(texts(asked as Card)).toContainEqual(expect.stringMatching(fiPattern('confirm.cancelMeeting', { reference: 'YT-2026-0001' })));
    expect(sandbox.requests.some((r) => r.method === 'POST' && r.url.endsWith('/cancel'))).toBe(false);
    await clickConfirmed(harness, WORKER, Verb.cancelMeeting, { requestId });
    const cancel = sandbox.requests.find((r) => r.method === 'POST' && r.url.endsWith('/cancel'));
    expect(JSON.parse(cancel!.body)).toEqual({ comment: fiText('meeting.cancelComment', { reference: 'YT-2026-0001' }) });
    expect(texts(lastCardTo(PSYCHIATRY_MEMBER))).toContain(fiText('meeting.cancelled'));
    const chair = lastCardTo(WORKER);
    expect(actionTitles(chair)).toContain(fiText('meeting.newTimes'));
  });

  it('cancels the booked meeting for everyone when the worker withdraws the request', async () => {
    const before = sandbox.requests.filter((r) => r.url.endsWith('/cancel')).length;
    await clickConfirmed(harness, WORKER, Verb.withdraw, { requestId: second });
    expect(sandbox.requests.filter((r) => r.url.endsWith('/cancel')).length).toBe(before + 1);
    expect(await harness.bot.redis.hgetall(`${harness.prefix}{slots}:unit:perhesosiaalityo:yhteistyoaika:2026-12-23`)).not.toHaveProperty('1');
  });

  it('proposes whole Yhteistyöajat when the chair says the case needs the whole slot', async () => {
    const third = await sendAndApprove(harness, 'lastenpsykiatria,terveysasemat');
    await acknowledgeAndName(harness, third, '2026-11-26');
    expect(actionTitles(lastCardTo(WORKER))).toContain(fiText('meeting.wholeSlot'));
    await harness.click(WORKER, Verb.wholeSlot, { requestId: third });
    const options = texts(lastCardTo(WORKER)).filter((line) => fiPattern('meeting.when', { date: /\d+\.\d+\.\d{4}/ }).test(line));
    expect(options).toHaveLength(3);
    expect(options.every((line) => fiPattern('meeting.when', { from: '12.00', to: '13.30' }).test(line))).toBe(true);
    expect(actionTitles(lastCardTo(WORKER))).not.toContain(fiText('meeting.wholeSlot'));
  });
});
