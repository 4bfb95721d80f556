import { describe, expect, it } from 'vitest';
import { runEffect } from '../../src/app/effects/run-effect.js';
import type { Effect } from '../../src/app/effect.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { appScene } from '../support/app-fakes.js';
import { PEOPLE, REQUEST_ID, requestAt } from '../support/app-requests.js';

const effect: Effect = { kind: 'worker_named', requestId: REQUEST_ID, actorId: PEOPLE.psychiatryLead, unitId: 'lastenpsykiatria', workerId: PEOPLE.psychiatryMember };
const named = requestAt('named');
/** Lastenpsykiatria has named its worker, Terveysasemapalvelut not yet. */
const oneNamed: CollaborationRequest = { ...named, units: [named.units[0]!, requestAt('acknowledged').units[1]!] };

describe('the named-worker job', () => {
  it('sends the named worker the description, records the disclosure at the lead\'s request and waits for the other units', async () => {
    const scene = await appScene(oneNamed);
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    expect(scene.notified).toEqual([{ kind: 'worker_named', to: PEOPLE.psychiatryMember, unitId: 'lastenpsykiatria' }]);
    expect(scene.audited('request.disclosed')).toMatchObject([{ recipient: PEOPLE.psychiatryMember, requestedBy: PEOPLE.psychiatryLead, fromUnit: 'perhesosiaalityo' }]);
    expect(scene.queued).toEqual([]);
  });

  it('sets the booking going once the last unit has named its worker', async () => {
    const scene = await appScene(named);
    await runEffect(scene.deps, effect);
    expect(scene.effects()).toEqual([{ kind: 'meeting_needed', key: `first-round-${REQUEST_ID}` }]);
  });

  it('books nothing where Graph is not configured', async () => {
    const scene = await appScene(named, { scheduling: false });
    await runEffect(scene.deps, effect);
    expect(scene.queued).toEqual([]);
  });

  it('tells the lead who named the worker when the worker could not be reached', async () => {
    const scene = await appScene(oneNamed, {
      deliver: (n) => (n.kind === 'worker_named' ? { recipients: [], failures: [{ recipient: n.to, failure: 'no_conversation' }] } : { recipients: [PEOPLE.psychiatryLead], failures: [] }),
    });
    await runEffect(scene.deps, effect);
    expect(scene.notified.at(-1)).toEqual({ kind: 'delivery_failed', to: PEOPLE.psychiatryLead, unreachable: [PEOPLE.psychiatryMember] });
    expect(scene.audited('request.disclosed')).toEqual([]);
  });
});
