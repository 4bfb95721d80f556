import { describe, expect, it } from 'vitest';
import { makeAskWholeSlot } from '../../src/app/booking/ask-whole-slot.js';
import { appScene, refusal, expectDenied } from '../support/app-fakes.js';
import { PEOPLE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

describe('asking for the whole Yhteistyöaika', () => {
  it('marks the case as needing the whole slot and queues new proposals', async () => {
    const scene = await appScene(requestAt('proposed'));
    expect((await makeAskWholeSlot(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
    expect((await scene.stored()).request.meeting?.wholeSlot).toBe(true);
    expect(scene.effects()).toEqual([{ kind: 'meeting_needed', key: `whole-slot-${REQUEST_ID}-v9` }]);
    expect(scene.audited('request.meeting_proposed')).toMatchObject([{ actorId: PEOPLE.worker }]);
  });

  it('refuses a named worker, who does not chair, and audit-logs the attempt', async () => {
    const scene = await appScene(requestAt('proposed'));
    await expectDenied(scene, await makeAskWholeSlot(scene.deps)(actor(PEOPLE.psychiatryMember), REQUEST_ID), PEOPLE.psychiatryMember);
  });

  it('refuses once a time is chosen, and when the whole slot was asked already', async () => {
    const chosen = await appScene(requestAt('chosen'));
    expect(await makeAskWholeSlot(chosen.deps)(actor(PEOPLE.worker), REQUEST_ID)).toEqual(refusal('request.illegal_transition'));
    const proposed = requestAt('proposed');
    const whole = await appScene({ ...proposed, meeting: { ...proposed.meeting!, wholeSlot: true } });
    expect(await makeAskWholeSlot(whole.deps)(actor(PEOPLE.worker), REQUEST_ID)).toEqual(refusal('request.illegal_transition'));
    expect([...chosen.queued, ...whole.queued]).toEqual([]);
  });
});
