import { describe, expect, it } from 'vitest';
import { makeAskNewTimes, makeAskOtherProposals, makeRescheduleMeeting } from '../../src/app/booking/ask-for-proposals.js';
import { appScene, expectDenied, expectRefused } from '../support/app-fakes.js';
import { PEOPLE, REQUEST_ID, actor, requestAt, type Stage } from '../support/app-requests.js';

/** After the chair cancelled: routed again, the meeting's round kept, nothing proposed or booked. */
const cancelled = requestAt('named', { meeting: { generation: 1, proposals: [], skipped: [] } });

/** The three entry points, each with who may ask, the state it asks from and the step its key names. */
const entries = [
  { name: 'the chair moving a booked meeting', make: makeRescheduleMeeting, from: requestAt('booked'), asker: PEOPLE.worker, outsider: PEOPLE.psychiatryMember, step: 'reschedule', wrong: 'routed' as Stage },
  { name: 'the chair asking new times after a cancellation', make: makeAskNewTimes, from: cancelled, asker: PEOPLE.worker, outsider: PEOPLE.healthMember, step: 'new-times', wrong: 'proposed' as Stage },
  { name: 'a named worker asking for another round', make: makeAskOtherProposals, from: requestAt('proposed'), asker: PEOPLE.healthMember, outsider: PEOPLE.outsiderLead, step: 'other-times', wrong: 'chosen' as Stage },
];

describe.each(entries)('asking for proposals: $name', ({ make, from, asker, outsider, step, wrong }) => {
  it('queues a new round of proposals, keyed by the step and the version it was asked on', async () => {
    const scene = await appScene(from);
    const result = await make(scene.deps)(actor(asker), REQUEST_ID);
    expect(result.ok && result.value.request).toEqual(from);
    expect(scene.queued.map((q) => q.effect)).toEqual([{ kind: 'meeting_needed', requestId: REQUEST_ID, round: `${step}-${REQUEST_ID}-v${from.version}` }]);
    expect(scene.effects()).toEqual([{ kind: 'meeting_needed', key: `${step}-${REQUEST_ID}-v${from.version}` }]);
  });

  it('refuses someone without the right and audit-logs the attempt', async () => {
    const scene = await appScene(from);
    await expectDenied(scene, await make(scene.deps)(actor(outsider), REQUEST_ID), outsider);
  });

  it(`refuses in the wrong state (${wrong})`, async () => {
    const scene = await appScene(requestAt(wrong));
    await expectRefused(scene, await make(scene.deps)(actor(asker), REQUEST_ID), 'request.illegal_transition');
    expect(scene.queued).toEqual([]);
  });

  it('asks nothing where Graph is not configured', async () => {
    const scene = await appScene(from, { scheduling: false });
    await expectRefused(scene, await make(scene.deps)(actor(asker), REQUEST_ID), 'request.illegal_transition');
  });
});

describe('asking for proposals', () => {
  it('lets the chair, too, ask for another round while nobody has chosen', async () => {
    const scene = await appScene(requestAt('proposed'));
    expect((await makeAskOtherProposals(scene.deps)(actor(PEOPLE.worker), REQUEST_ID)).ok).toBe(true);
  });

  it('answers a request that does not exist as not found', async () => {
    const scene = await appScene(undefined);
    await expectRefused(scene, await makeRescheduleMeeting(scene.deps)(actor(PEOPLE.worker), REQUEST_ID), 'request.not_found');
  });
});
