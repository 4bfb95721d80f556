import { describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../src/bot/cards/card-templates.js';
import { CaseReopener } from '../../src/bot/case-reopener.js';
import { personKey } from '../../src/bot/conversation-keys.js';
import type { SendResult } from '../../src/bot/proactive-sender.js';
import { TrackedCards } from '../../src/bot/tracked-cards.js';
import { translator } from '../../src/i18n/translator.js';
import { DESCRIBED, PEOPLE, REFERENCE, REQUEST_ID, requestAt } from '../support/app-requests.js';
import { fiText } from '../support/catalog-text.js';
import { InMemoryBotMemory } from '../support/in-memory-bot-memory.js';
import { directory } from '../support/people.js';

const p = { t: translator('fi'), locale: 'fi' as const, directory };
const stored = { request: requestAt('submitted'), description: DESCRIBED };
const view = { kind: 'approval' as const, viewerId: PEOPLE.supervisor };
const chat = personKey(PEOPLE.supervisor);

/** A sender that answers as told and keeps what it was asked to post and update. */
function fakeSender(answers: { send?: SendResult; update?: SendResult } = {}) {
  const sent: AdaptiveCard[] = [];
  const updated: { activityId: string; card: AdaptiveCard }[] = [];
  return {
    sent,
    updated,
    send: async (_reference: string, card: AdaptiveCard): Promise<SendResult> => {
      sent.push(card);
      return answers.send ?? { ok: true, activityId: `fresh-${sent.length}` };
    },
    update: async (_reference: string, activityId: string, card: AdaptiveCard): Promise<SendResult> => {
      updated.push({ activityId, card });
      return answers.update ?? { ok: true, activityId };
    },
  };
}

async function scene(answers: Parameters<typeof fakeSender>[0] = {}) {
  const memory = new InMemoryBotMemory();
  await memory.saveReference(chat, '{"serviceUrl":"https://smba.trafficmanager.net/emea/"}');
  const cards = new TrackedCards(memory);
  await cards.track(REQUEST_ID, { conversationKey: chat, activityId: 'old-copy', view });
  await cards.track(REQUEST_ID, { conversationKey: personKey(PEOPLE.deputy), activityId: 'deputy-copy', view: { kind: 'approval', viewerId: PEOPLE.deputy } });
  const sender = fakeSender(answers);
  const warnings: string[] = [];
  const reopener = new CaseReopener({ sender, memory, cards, log: { warn: (_fields, message) => warnings.push(message) } });
  return { reopener, sender, cards, warnings };
}

describe('reopening a case card in a person\'s chat', () => {
  it('posts the card, tracks it, and turns only this chat\'s earlier copy into a stub it forgets', async () => {
    const { reopener, sender, cards } = await scene();
    expect(await reopener.reopen(p, stored, view, PEOPLE.supervisor, '2026-11-24')).toBeUndefined();
    expect(sender.sent).toHaveLength(1);
    expect(sender.updated.map((u) => u.activityId)).toEqual(['old-copy']);
    expect(JSON.stringify(sender.updated[0]!.card)).toContain(fiText('caseload.reopened.text'));
    expect(JSON.stringify(sender.updated[0]!.card)).toContain(REFERENCE);
    expect((await cards.of(REQUEST_ID)).map((c) => c.activityId).sort()).toEqual(['deputy-copy', 'fresh-1']);
  });

  it('leaves the earlier copy live when Teams refuses the new one', async () => {
    const { reopener, sender, cards } = await scene({ send: { ok: false, failure: 'forbidden' } });
    expect(await reopener.reopen(p, stored, view, PEOPLE.supervisor, '2026-11-24')).toBe('forbidden');
    expect(sender.updated).toEqual([]);
    expect((await cards.of(REQUEST_ID)).map((c) => c.activityId).sort()).toEqual(['deputy-copy', 'old-copy']);
  });

  it('keeps tracking an earlier copy Teams would not turn into a stub, so later changes keep it current', async () => {
    const { reopener, cards, warnings } = await scene({ update: { ok: false, failure: 'failed' } });
    expect(await reopener.reopen(p, stored, view, PEOPLE.supervisor, '2026-11-24')).toBeUndefined();
    expect(warnings).toEqual(['earlier case card not turned into a stub']);
    expect((await cards.of(REQUEST_ID)).map((c) => c.activityId).sort()).toEqual(['deputy-copy', 'fresh-1', 'old-copy']);
  });

  it('says there is no conversation when the person never opened the bot', async () => {
    const { reopener, sender } = await scene();
    expect(await reopener.reopen(p, stored, view, PEOPLE.stranger, '2026-11-24')).toBe('no_conversation');
    expect(sender.sent).toEqual([]);
  });
});
