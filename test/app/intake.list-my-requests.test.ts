import { describe, expect, it } from 'vitest';
import { makeListMyRequests } from '../../src/app/intake/list-my-requests.js';
import { intakeScene } from '../support/app-fakes.js';
import { DESCRIBED, PEOPLE, requestAt } from '../support/app-requests.js';

describe('listing my requests', () => {
  it("lists a worker's own drafts and sent requests, newest change first, and nobody else's", async () => {
    const { deps, requests } = intakeScene();
    const requestsOf = [
      requestAt('draft', { id: 'draft-000001', updatedAt: '2026-11-24T09:00:00.000Z' }),
      requestAt('routed', { id: 'routed-00001', updatedAt: '2026-11-24T11:00:00.000Z' }),
      requestAt('submitted', { id: 'colleagues-1', ownerId: PEOPLE.colleague }),
    ];
    for (const request of requestsOf) await requests.create({ request, description: DESCRIBED });
    const list = makeListMyRequests(deps);
    expect((await list(PEOPLE.worker)).map((r) => [r.id, r.status])).toEqual([
      ['routed-00001', 'routed'],
      ['draft-000001', 'draft'],
    ]);
    expect((await list(PEOPLE.colleague)).map((r) => r.id)).toEqual(['colleagues-1']);
    expect(await list(PEOPLE.supervisor)).toEqual([]);
  });
});
