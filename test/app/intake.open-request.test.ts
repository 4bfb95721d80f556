import { describe, expect, it } from 'vitest';
import { makeOpenRequest } from '../../src/app/intake/open-request.js';
import { denied, intakeScene, refusal } from '../support/app-fakes.js';
import { AT, DESCRIBED, PEOPLE, REFERENCE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

async function setup(stage: Parameters<typeof requestAt>[0] = 'submitted') {
  const scene = intakeScene();
  await scene.requests.create({ request: requestAt(stage), description: DESCRIBED });
  return { ...scene, open: makeOpenRequest(scene.deps) };
}

describe('opening one of my requests', () => {
  it('opens the request with its description for its worker and audit-logs the read', async () => {
    const { open, audit, queued } = await setup();
    const result = await open(actor(PEOPLE.worker), REQUEST_ID);
    expect(result.ok && result.value.description).toEqual(DESCRIBED);
    expect(audit).toEqual([{ at: AT, actorId: PEOPLE.worker, action: 'request.read', requestId: REQUEST_ID, reference: REFERENCE, status: 'submitted' }]);
    expect(queued).toEqual([]);
  });

  it('opens a withdrawn request for its worker too, whatever its state', async () => {
    const { open } = await setup('withdrawn');
    expect((await open(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
  });

  it('refuses anyone else, the sending supervisor included, and audit-logs the attempt', async () => {
    const { open, audit } = await setup();
    expect(await open(actor(PEOPLE.supervisor), REQUEST_ID)).toEqual(refusal('request.not_owner'));
    expect(audit).toEqual([denied(PEOPLE.supervisor)]);
  });

  it('answers a request that is gone as not found, logging nothing', async () => {
    const { open, audit } = await setup();
    expect(await open(actor(PEOPLE.worker), 'some-other-request')).toEqual(refusal('request.not_found'));
    expect(audit).toEqual([]);
  });
});
