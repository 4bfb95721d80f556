import { describe, expect, it } from 'vitest';
import { runEffect } from '../../src/app/effects/run-effect.js';
import { DISCLOSURE_PURPOSE } from '../../src/app/effects/record-disclosures.js';
import { appScene } from '../support/app-fakes.js';
import { AT, PEOPLE, REFERENCE, REQUEST_ID, requestAt } from '../support/app-requests.js';

const effect = { kind: 'approval_requested', requestId: REQUEST_ID } as const;

describe('the approval request job', () => {
  it("sends the approval card to every lead of the sending unit, records each disclosure and redraws the cards", async () => {
    const scene = await appScene(requestAt('submitted'));
    expect(await runEffect(scene.deps, effect)).toEqual({ ok: true, value: undefined });
    expect(scene.notified).toEqual([
      { kind: 'approval_requested', to: PEOPLE.supervisor },
      { kind: 'approval_requested', to: PEOPLE.deputy },
    ]);
    expect(scene.audited('request.disclosed')).toEqual(
      [PEOPLE.supervisor, PEOPLE.deputy].map((recipient) => ({
        at: AT,
        actorId: PEOPLE.worker,
        action: 'request.disclosed',
        requestId: REQUEST_ID,
        reference: REFERENCE,
        fromUnit: 'perhesosiaalityo',
        recipient,
        requestedBy: PEOPLE.worker,
        basis: `oral-consent:${PEOPLE.worker}@${AT}`,
        purpose: DISCLOSURE_PURPOSE,
      })),
    );
    expect(scene.redrawn).toEqual([2]);
  });

  it('sends nothing twice when the job runs again, and asks again for a request sent anew', async () => {
    const scene = await appScene(requestAt('submitted'));
    await runEffect(scene.deps, effect);
    await runEffect(scene.deps, effect);
    expect(scene.notified).toHaveLength(2);
    await scene.requests.update({ ...(await scene.stored()), request: requestAt('submitted', { version: 4, submittedAt: '2026-11-25T08:00:00.000Z' }) }, 2);
    await runEffect(scene.deps, effect);
    expect(scene.notified).toHaveLength(4);
  });

  it('tells the worker when no lead could be reached', async () => {
    const scene = await appScene(requestAt('submitted'), {
      deliver: (n) => (n.kind === 'approval_requested' ? { recipients: [], failures: [{ recipient: n.to, failure: 'no_conversation' }] } : { recipients: [PEOPLE.worker], failures: [] }),
    });
    await runEffect(scene.deps, effect);
    expect(scene.notified.at(-1)).toEqual({ kind: 'delivery_failed', to: PEOPLE.worker, unreachable: [PEOPLE.supervisor, PEOPLE.deputy] });
    expect(scene.audited('request.disclosed')).toEqual([]);
  });

  it('asks nothing of a request that was decided before the job ran', async () => {
    const scene = await appScene(requestAt('routed'));
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    expect(scene.notified).toEqual([]);
  });
});
