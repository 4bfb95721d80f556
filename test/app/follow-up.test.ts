import { describe, expect, it } from 'vitest';
import { askForFeedback } from '../../src/app/effects/ask-for-feedback.js';
import { purgeDescription } from '../../src/app/effects/purge-description.js';
import { makeWithdrawRequest } from '../../src/app/routing/withdraw-request.js';
import { descriptionPurge } from '../../src/app/workflow/meeting-schedule.js';
import type { FeedbackStore } from '../../src/app/ports.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { InMemoryRequestRepository } from '../support/in-memory-request-repository.js';
import { EMPTY_DESCRIPTION, fakeRoutingDeps } from '../support/routing-fakes.js';

const WILMA = '00000000-0000-4000-8000-000000000101';
const NAMED = '00000000-0000-4000-8000-000000009010';
const DAY = 24 * 3600 * 1000;
const base: CollaborationRequest = {
  id: 'follow-up-request-01',
  version: 3,
  status: 'routed',
  reference: 'YT-2026-0040',
  ownerId: WILMA,
  sendingUnitId: 'perhesosiaalityo',
  collaborationUnitIds: ['terveysasemat'],
  consentRecorded: true,
  needConfirmedInTeam: true,
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  units: [{ unitId: 'terveysasemat', status: 'worker_named', namedWorkerId: NAMED }],
};
const described = { ...EMPTY_DESCRIPTION, texts: { ...EMPTY_DESCRIPTION.texts, whatWorked: 'Kotikäynnit toimivat.' }, returnComment: 'Tarkenna.' };

async function setup(request: CollaborationRequest, at: string, forgotten: string[] = []) {
  const requests = new InMemoryRequestRepository();
  await requests.create({ request, description: described });
  const fakes = fakeRoutingDeps(requests, at);
  const feedback: FeedbackStore = { ...fakes.deps.followUp.feedback, forgetComments: async (id) => void forgotten.push(id) };
  return { requests, ...fakes, deps: { ...fakes.deps, followUp: { ...fakes.deps.followUp, feedback } } };
}

describe('retention', () => {
  it('schedules the purge of a withdrawn request after the retention period', async () => {
    const { deps, queued } = await setup(base, '2026-11-24T10:00:00.000Z');
    await makeWithdrawRequest(deps)({ id: WILMA }, base.id);
    expect(queued.find((q) => q.effect.kind === 'purge_description')).toMatchObject({ key: `purge-${base.id}`, delayMs: 30 * DAY });
  });

  it('deletes the description, the return comment and feedback comments, and keeps the facts', async () => {
    const forgotten: string[] = [];
    const closed: CollaborationRequest = { ...base, status: 'closed', closed: { by: NAMED, at: '2026-12-10T10:00:00.000Z' } };
    const { deps, requests } = await setup(closed, '2027-01-10T10:00:00.000Z', forgotten);
    await purgeDescription(deps, (await requests.get(base.id))!);
    const after = (await requests.get(base.id))!;
    expect(after.description).toEqual(EMPTY_DESCRIPTION);
    expect(after.request).toMatchObject({ status: 'closed', closed: closed.closed, purgedAt: '2027-01-10T10:00:00.000Z', reference: 'YT-2026-0040' });
    expect(forgotten).toEqual([base.id]);
  });

  it('leaves an open request untouched even if a stray purge job runs', async () => {
    const { deps, requests } = await setup(base, '2027-01-10T10:00:00.000Z');
    await purgeDescription(deps, (await requests.get(base.id))!);
    expect((await requests.get(base.id))!.description.texts.whatWorked).toBe('Kotikäynnit toimivat.');
  });

  it('counts the retention in days from the closing', async () => {
    const { deps, queued } = await setup(base, '2026-11-24T10:00:00.000Z');
    await deps.effects.enqueue(descriptionPurge({ ...deps, followUp: { ...deps.followUp, retentionDays: 90 } }, base));
    expect(queued[0]!.delayMs).toBe(90 * DAY);
  });
});

describe('feedback timing', () => {
  it('reminds on the next working day, past Christmas and the weekend', async () => {
    const meetingOn = '2026-12-24';
    const held: CollaborationRequest = {
      ...base,
      status: 'follow_up',
      outcomes: [{ generation: 1, date: meetingOn, consent: 'given', recordedBy: WILMA, recordedAt: '2026-12-24T10:00:00.000Z', attendeeIds: [WILMA, NAMED], clientPresence: 'in_person', responsibleWorkerId: NAMED }],
    };
    const at = '2026-12-24T13:00:00.000Z';
    const { deps, queued, notified, requests } = await setup(held, at);
    await askForFeedback(deps, (await requests.get(base.id))!, 1);
    expect(notified.map((n) => n.kind === 'feedback_requested' && n.to)).toEqual([WILMA, NAMED]);
    const reminder = queued.find((q) => q.effect.kind === 'feedback_reminder')!;
    // Thursday 24.12. → Christmas Day, Boxing Day on a Saturday, Sunday → Monday 28.12. 09:00 Helsinki.
    expect(new Date(Date.parse(at) + reminder.delayMs!).toISOString()).toBe('2026-12-28T07:00:00.000Z');
  });

  it('asks nothing of a meeting where the client did not consent', async () => {
    const held: CollaborationRequest = {
      ...base,
      status: 'held',
      outcomes: [{ generation: 1, date: '2026-12-09', consent: 'not_given', recordedBy: WILMA, recordedAt: '2026-12-09T10:00:00.000Z', attendeeIds: [WILMA], clientPresence: 'absent' }],
    };
    const { deps, notified, requests } = await setup(held, '2026-12-09T13:00:00.000Z');
    await askForFeedback(deps, (await requests.get(base.id))!, 1);
    expect(notified).toEqual([]);
  });
});
