import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, WORKER, actionTitles, cardOf, fixedClock, submission, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { SENDING_DEPUTY, directory } from '../support/people.js';

const OWN_REQUEST = 'Et voi hyväksyä, palauttaa etkä ratkaista omaa pyyntöäsi. Sen ratkaisee yksikkösi toinen esihenkilö tai varahenkilö tai yksikköhakemistossa nimetty hyväksyjä.';
const WAITING_FOR_MY_APPROVAL = 'Odottaa hyväksyntääni';
const SUBMITTED_ROW = 'YT-2026-0001 · Odottaa esihenkilön hyväksyntää';
const ESCALATION: TestUser = { aadObjectId: directory.unit('perhesosiaalityo')!.escalation![0]!, name: 'Liisa Johtaja' };
const CHILD_WELFARE_LEAD: TestUser = { aadObjectId: directory.unit('lastensuojelu')!.supervisors[0]!, name: 'Paula Heikkinen' };

/** The example directory with the family unit's and child welfare's deputies gone: each has a single lead. */
function soleLeadDirectory(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'yt-four-eyes-')), 'unit-directory.yaml');
  const example = readFileSync('infra/unit-directory.example.yaml', 'utf8');
  writeFileSync(file, example.replace(/ {4}deputies: \[00000000-0000-4000-8000-00000000(0202|2002)\]\n/g, ''));
  return file;
}

/** A bot harness where people have opened the bot, with helpers to file a request and read what each got. */
function scene(env: Record<string, string> = {}) {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'), env);
  const postsTo = (user: TestUser): Card[] =>
    harness
      .sentTo(harness.conversationId(user))
      .filter((s) => s.method === 'POST')
      .map((s) => cardOf(s.activity)!);
  const approvalCardsOf = (user: TestUser) => postsTo(user).filter((card) => /^Hyväksyttäväksi:/.test(texts(card)[0] ?? ''));
  /** `filer` sends a complete request from their own unit; answers its id and the card the send answered with. */
  const file = async (filer: TestUser): Promise<{ requestId: string; answer: Card }> => {
    const form = await harness.newForm(filer);
    const requestId = String(submission(form, Verb.submitRequest).requestId);
    const answer = await harness.execute(filer, Verb.submitRequest, submission(form, Verb.submitRequest, { ...COMPLETE_FORM_EDITS, collaborationUnitIds: 'lastenpsykiatria' }));
    return { requestId, answer };
  };
  const deniedAudits = async (user: TestUser, requestId: string) =>
    (await harness.bot.redis.xrange(`${harness.prefix}{wf}:audit`, '-', '+')).filter(([, f]) => f.includes('request.access_denied') && f.includes(user.aadObjectId) && f.includes(requestId));
  return { harness, approvalCardsOf, file, deniedAudits };
}

describe("a supervisor's own request", () => {
  const { harness, approvalCardsOf, file, deniedAudits } = scene();
  let requestId = '';

  beforeAll(async () => {
    await harness.start();
    for (const user of [SUPERVISOR, SENDING_DEPUTY, WORKER]) await harness.say(user, 'hei');
    harness.connector.clear();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it("goes for approval to the unit's other lead, not to the supervisor who filed it", async () => {
    ({ requestId } = await file(SUPERVISOR));
    expect(approvalCardsOf(SENDING_DEPUTY)).toHaveLength(1);
    expect(actionTitles(approvalCardsOf(SENDING_DEPUTY)[0]!)).toEqual(['Hyväksy ja lähetä yksiköille', 'Palauta työntekijälle']);
    expect(approvalCardsOf(SUPERVISOR)).toEqual([]);
  });

  it('refuses its filer approving or returning it, in the card with a localized message, and audit-logs both', async () => {
    expect(await harness.click(SUPERVISOR, Verb.approve, { requestId })).toBe(OWN_REQUEST);
    expect(await harness.click(SUPERVISOR, Verb.returnToWorker, { requestId, returnComment: '' })).toBe(OWN_REQUEST);
    expect(await harness.click(SUPERVISOR, Verb.approve, { requestId }, { locale: 'sv-FI' })).toMatch(/^Du kan inte godkänna, returnera eller avgöra din egen begäran/);
    expect(await deniedAudits(SUPERVISOR, requestId)).toHaveLength(3);
  });

  it("shows its filer the request's progress, and lists it as waiting only for the other lead", async () => {
    const opened = await harness.execute(SUPERVISOR, Verb.viewRequest, { requestId });
    expect(texts(opened)[0]).toBe('Yhteistyöpyyntö YT-2026-0001');
    expect(actionTitles(opened)).not.toContain('Hyväksy ja lähetä yksiköille');
    const own = texts(await harness.say(SUPERVISOR, 'omat pyynnöt'));
    expect(own).toContain('Lähettämäni (puheenjohtajana)');
    expect(own).not.toContain(WAITING_FOR_MY_APPROVAL);
    expect(texts(await harness.say(SENDING_DEPUTY, 'omat pyynnöt'))).toEqual(expect.arrayContaining([WAITING_FOR_MY_APPROVAL, SUBMITTED_ROW]));
  });

  it('is approved by the other lead', async () => {
    const approved = await harness.click(SENDING_DEPUTY, Verb.approve, { requestId });
    expect(typeof approved).toBe('object');
    expect(texts(approved as Card).join(' ')).toContain('Hyväksyi Olli Sijainen');
  });

  it("still goes to every lead when a worker files it", async () => {
    harness.connector.clear();
    await file(WORKER);
    expect(approvalCardsOf(SUPERVISOR)).toHaveLength(1);
    expect(approvalCardsOf(SENDING_DEPUTY)).toHaveLength(1);
  });
});

describe("a unit's only lead", () => {
  const { harness, approvalCardsOf, file, deniedAudits } = scene({ UNIT_DIRECTORY_FILE: soleLeadDirectory() });

  beforeAll(async () => {
    await harness.start();
    for (const user of [SUPERVISOR, ESCALATION, CHILD_WELFARE_LEAD]) await harness.say(user, 'hei');
    harness.connector.clear();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('has their request approved by the escalation the directory names for the unit', async () => {
    const { requestId } = await file(SUPERVISOR);
    expect(approvalCardsOf(SUPERVISOR)).toEqual([]);
    expect(approvalCardsOf(ESCALATION)).toHaveLength(1);
    expect(texts(await harness.say(ESCALATION, 'omat pyynnöt'))).toEqual(expect.arrayContaining([WAITING_FOR_MY_APPROVAL, SUBMITTED_ROW]));
    expect(await harness.click(SUPERVISOR, Verb.approve, { requestId })).toBe(OWN_REQUEST);
    expect(await deniedAudits(SUPERVISOR, requestId)).toHaveLength(1);
    expect(typeof (await harness.click(ESCALATION, Verb.approve, { requestId }))).toBe('object');
  });

  it('cannot send a request where the directory names no escalation, and is told why on the form', async () => {
    const { answer } = await file(CHILD_WELFARE_LEAD);
    expect(texts(answer)).toContain(
      'Yksikössä ei ole ketään toista, joka voisi hyväksyä pyyntösi. Pyydä ylläpitäjää nimeämään yksikölle varahenkilö tai hyväksyjä yksikköhakemistoon.',
    );
    expect(approvalCardsOf(ESCALATION)).toHaveLength(1);
  });
});
