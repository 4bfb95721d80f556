import { describe, expect, it } from 'vitest';
import { makeListWaitingFor } from '../../src/app/routing/list-waiting-for.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { appScene } from '../support/app-fakes.js';
import { DESCRIBED, PEOPLE, actor, requestAt } from '../support/app-requests.js';

/** One request at each of the stages that wait for someone, plus a draft nobody but its writer sees. */
async function waitingScene() {
  const scene = await appScene(undefined);
  const at = (id: string, request: CollaborationRequest, minute: number) => ({ ...request, id, updatedAt: `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z` });
  const partlyAcknowledged = requestAt('acknowledged');
  for (const request of [
    at('draft-0001', requestAt('draft'), 1),
    at('submitted-1', requestAt('submitted'), 2),
    at('routed-0001', requestAt('routed'), 3),
    at('mixed-00001', { ...partlyAcknowledged, units: [partlyAcknowledged.units[0]!, { unitId: 'terveysasemat', status: 'awaiting_acknowledgement' }] }, 4),
    at('named-00001', requestAt('named'), 5),
    at('proposed-01', requestAt('proposed'), 6),
  ]) {
    await scene.requests.create({ request, description: DESCRIBED });
  }
  const waitingFor = async (personId: string) =>
    (await makeListWaitingFor(scene.deps)(actor(personId).id)).map((item) => [item.request.id, item.unitId, item.step]);
  return { waitingFor };
}

describe('what waits for a person', () => {
  it('shows the sending supervisor and deputy the sent requests to approve, never a draft', async () => {
    const { waitingFor } = await waitingScene();
    expect(await waitingFor(PEOPLE.supervisor)).toEqual([['submitted-1', 'perhesosiaalityo', 'approve']]);
    expect(await waitingFor(PEOPLE.deputy)).toEqual([['submitted-1', 'perhesosiaalityo', 'approve']]);
  });

  it('does not ask a supervisor to approve a request they filed themselves (four eyes), but asks their deputy', async () => {
    const scene = await appScene(requestAt('submitted', { ownerId: PEOPLE.supervisor }));
    const waitingFor = makeListWaitingFor(scene.deps);
    expect(await waitingFor(PEOPLE.supervisor)).toEqual([]);
    expect((await waitingFor(PEOPLE.deputy)).map((item) => item.step)).toEqual(['approve']);
  });

  it('shows a receiving lead what to acknowledge and whom to name, newest first', async () => {
    const { waitingFor } = await waitingScene();
    expect(await waitingFor(PEOPLE.healthLead)).toEqual([
      ['mixed-00001', 'terveysasemat', 'acknowledge'],
      ['routed-0001', 'terveysasemat', 'acknowledge'],
    ]);
    expect(await waitingFor(PEOPLE.psychiatryLead)).toEqual([
      ['mixed-00001', 'lastenpsykiatria', 'name_worker'],
      ['routed-0001', 'lastenpsykiatria', 'acknowledge'],
    ]);
  });

  it('shows a named worker the meeting to agree while times are not yet proposed', async () => {
    const { waitingFor } = await waitingScene();
    expect(await waitingFor(PEOPLE.healthMember)).toEqual([['named-00001', 'terveysasemat', 'agree_meeting']]);
  });

  it('shows a worker with no part in any step nothing', async () => {
    const { waitingFor } = await waitingScene();
    expect(await waitingFor(PEOPLE.colleague)).toEqual([]);
    expect(await waitingFor(PEOPLE.stranger)).toEqual([]);
  });
});
