import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verb } from '../../cards/verbs.js';
import { BotHarness, SUPERVISOR, WORKER, cardOf, fixedClock, submission, texts, type Card, type TestUser } from '../support/bot-harness.js';
import { COMPLETE_FORM_EDITS } from '../support/forms.js';
import { PSYCHIATRY_LEAD, SENDING_DEPUTY } from '../support/people.js';

const PHISHING = '[Kirjaudu uudelleen tästä](https://phish.example/login) **TÄRKEÄÄ**';
const PHISHING_SHOWN = '\\[Kirjaudu uudelleen tästä\\]\\(https://phish.example/login\\) \\*\\*TÄRKEÄÄ\\*\\*';
const TEMPLATE = 'Saatu tukea: ${t.approve} ja ${description[0].text}';
const TEMPLATE_SHOWN = 'Saatu tukea: $\\{t.approve\\} ja $\\{description\\[0\\].text\\}';
const LIST = '- [Ohje](https://phish.example/ohje)\n1. soita heti';
const LIST_SHOWN = '\\- \\[Ohje\\]\\(https://phish.example/ohje\\)\n1\\. soita heti';
const CONTACT = 'Wilma Työntekijä **kiireellinen**, wilma.tyontekija@hyvinvointialue.example';
const CONTACT_SHOWN = 'Wilma Työntekijä \\*\\*kiireellinen\\*\\*, wilma.tyontekija@hyvinvointialue.example';

/** Markdown that would still do something: a link, bold or italics not escaped, or template syntax. */
const LIVE_MARKUP = /(?<!\\)\]\(|(?<!\\)\*\*|(?<!\\)_\w|\$\{/;

describe('text a worker typed, on the cards others receive', () => {
  const harness = new BotHarness(fixedClock('2026-11-24T10:00:00Z'));

  /** The last card the loopback connector received for a person's chat, new or updated. */
  const lastCardTo = (user: TestUser): Card => {
    const last = harness.sentTo(harness.conversationId(user)).at(-1);
    if (!last) throw new Error(`nothing was sent to ${user.name}`);
    return cardOf(last.activity)!;
  };
  const expectNoLiveMarkup = (card: Card) => {
    for (const text of texts(card)) expect(text).not.toMatch(LIVE_MARKUP);
    expect(JSON.stringify(card)).not.toContain('${');
  };

  /** The worker sends a description with markdown and template syntax in it to child psychiatry. */
  const send = async (): Promise<string> => {
    const form = await harness.newForm(WORKER);
    const requestId = String(submission(form, Verb.submitRequest).requestId);
    const edits = { ...COMPLETE_FORM_EDITS, collaborationUnitIds: 'lastenpsykiatria', senderContact: CONTACT, wantedServices: PHISHING, receivedServices: TEMPLATE, whatWorked: LIST };
    const answer = await harness.execute(WORKER, Verb.submitRequest, submission(form, Verb.submitRequest, edits));
    expect(texts(answer)[0]).toMatch(/lähetetty/);
    return requestId;
  };

  beforeAll(async () => {
    await harness.start();
    for (const user of [WORKER, SUPERVISOR, SENDING_DEPUTY, PSYCHIATRY_LEAD]) await harness.say(user, 'hei');
    harness.connector.clear();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('shows the sending supervisor the description and the contact as typed, with no link, bold or template in them', async () => {
    await send();
    const card = lastCardTo(SUPERVISOR);
    const shown = texts(card);
    expect(shown).toContain(PHISHING_SHOWN);
    expect(shown).toContain(TEMPLATE_SHOWN);
    expect(shown).toContain(LIST_SHOWN);
    expect(shown).toContain(`Yhteystiedot: ${CONTACT_SHOWN}`);
    expectNoLiveMarkup(card);
  });

  it("shows the worker the supervisor's return comment as typed", async () => {
    const requestId = await send();
    await harness.click(SUPERVISOR, Verb.returnToWorker, { requestId, returnComment: '**Korjaa** [tästä](https://phish.example/fix) ${t.edit}' });
    const card = lastCardTo(WORKER);
    expect(texts(card)).toContain('\\*\\*Korjaa\\*\\* \\[tästä\\]\\(https://phish.example/fix\\) $\\{t.edit\\}');
    expectNoLiveMarkup(card);
  });

  it("shows the receiving unit's leads the description, and the sending supervisor a proposal's reason, as typed", async () => {
    const requestId = await send();
    await harness.click(SUPERVISOR, Verb.approve, { requestId });
    const toLead = lastCardTo(PSYCHIATRY_LEAD);
    expect(texts(toLead)).toContain(PHISHING_SHOWN);
    expectNoLiveMarkup(toLead);
    harness.connector.clear();
    await harness.click(PSYCHIATRY_LEAD, Verb.proposeUnit, {
      requestId,
      unitId: 'lastenpsykiatria',
      proposedUnitId: 'nuorisopsykiatria',
      proposalReason: '# Siirrä [tänne](https://phish.example/move) ${t.approve}',
    });
    const toSupervisor = lastCardTo(SUPERVISOR);
    expect(texts(toSupervisor).join('\n')).toContain('Perustelu: \\# Siirrä \\[tänne\\]\\(https://phish.example/move\\) $\\{t.approve\\}');
    expectNoLiveMarkup(toSupervisor);
  });
});
