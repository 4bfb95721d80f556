import { describe, expect, it } from 'vitest';
import { runEffect } from '../../src/app/effects/run-effect.js';
import type { Delivery, DeliveryFailure, StoredRequest } from '../../src/app/ports.js';
import { DeliveryRefusedForNow } from '../../src/app/workflow/notify-once.js';
import { redrawCards } from '../../src/app/workflow/redraw-cards.js';
import { appScene } from '../support/app-fakes.js';
import { REQUEST_ID, requestAt } from '../support/app-requests.js';

const updated: Delivery = { recipients: ['user:chair'], failures: [] };
const refused = (failure: DeliveryFailure): Delivery => ({ recipients: [], failures: [{ recipient: 'user:chair', failure }] });

/** A scene whose card updates answer as `answer` says, keeping the version each redraw rendered. */
async function redrawScene(answer: (stored: StoredRequest, round: number) => Promise<Delivery>) {
  const drawn: number[] = [];
  const scene = await appScene(requestAt('named'), {
    overrides: {
      notifier: {
        notify: async () => ({ recipients: [], failures: [] }),
        refreshCards: async (stored) => {
          drawn.push(stored.request.version);
          return answer(stored, drawn.length);
        },
      },
    },
  });
  return { scene, drawn };
}

describe('redrawing the cards of a request', () => {
  it('redraws once more when the request changed while its cards were updated, so the last update shows the last change', async () => {
    const { scene, drawn } = await redrawScene(async (stored, round) => {
      // Another job's decision lands while this redraw's updates are still on their way.
      if (round === 1) await scene.requests.update({ ...stored, request: { ...stored.request, version: stored.request.version + 1 } }, stored.request.version);
      return updated;
    });
    const version = requestAt('named').version;
    expect(await redrawCards(scene.deps, REQUEST_ID)).toEqual(updated);
    expect(drawn).toEqual([version, version + 1]);
  });

  it('has the job run again when Teams refused a card update for now', async () => {
    const { scene } = await redrawScene(async () => refused('failed'));
    await expect(runEffect(scene.deps, { kind: 'cards_changed', requestId: REQUEST_ID })).rejects.toBeInstanceOf(DeliveryRefusedForNow);
  });

  it('does not run the job again for a card in a conversation the bot was removed from', async () => {
    const { scene } = await redrawScene(async () => refused('forbidden'));
    expect(await runEffect(scene.deps, { kind: 'cards_changed', requestId: REQUEST_ID })).toEqual({ ok: true, value: undefined });
  });
});
