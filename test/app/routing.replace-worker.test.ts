import { describe, expect, it } from 'vitest';
import { runEffect } from '../../src/app/effects/run-effect.js';
import { makeListCaseload } from '../../src/app/caseload/list-caseload.js';
import { makeReplaceNamedWorker } from '../../src/app/routing/replace-named-worker.js';
import { makeViewRequest } from '../../src/app/routing/view-request.js';
import { appScene, expectRefused } from '../support/app-fakes.js';
import { AT, EVENT_ID, PEOPLE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';
import { directory } from '../support/people.js';

/** Issue #15: the receiving lead replaces the unit's named worker with a reason; the new one gets the case, the old one loses it. */
describe('replacing a named worker', () => {
  const NEW_WORKER = directory.unit('lastenpsykiatria')!.members.find((id) => id !== PEOPLE.psychiatryMember)!;
  const replace = (scene: Awaited<ReturnType<typeof appScene>>, workerId = NEW_WORKER, reason = 'left_unit', by = PEOPLE.psychiatryLead) =>
    makeReplaceNamedWorker(scene.deps)(actor(by), REQUEST_ID, 'lastenpsykiatria', workerId, reason);

  it('names the new worker with the reason, tells the new one (recording the disclosure), the old one and the chair, and changes the booked meeting’s attendees', async () => {
    const scene = await appScene(requestAt('booked'));
    expect((await replace(scene)).ok).toBe(true);
    const unit = (await scene.stored()).request.units.find((u) => u.unitId === 'lastenpsykiatria');
    expect(unit).toMatchObject({ status: 'worker_named', namedWorkerId: NEW_WORKER, named: { by: PEOPLE.psychiatryLead, at: AT }, workerReplaced: { previousWorkerId: PEOPLE.psychiatryMember, reason: 'left_unit' } });
    expect(scene.effects()).toEqual([{ kind: 'worker_replaced', key: `replaced-${REQUEST_ID}-v11` }]);
    expect(scene.audited('request.worker_replaced')).toMatchObject([{ actorId: PEOPLE.psychiatryLead, unitId: 'lastenpsykiatria' }]);

    await runEffect(scene.deps, scene.queued[0]!.effect);
    expect(scene.notified).toEqual([
      { kind: 'worker_named', to: NEW_WORKER, unitId: 'lastenpsykiatria' },
      { kind: 'worker_released', to: PEOPLE.psychiatryMember, unitId: 'lastenpsykiatria' },
      { kind: 'worker_replaced', to: PEOPLE.worker, unitId: 'lastenpsykiatria' },
    ]);
    expect(scene.audited('request.disclosed')).toMatchObject([{ recipient: NEW_WORKER, unitId: 'lastenpsykiatria', requestedBy: PEOPLE.psychiatryLead }]);
    const attendees = scene.calendar.attendeeChanges.map((c) => [c.eventId, c.attendees]);
    expect(attendees).toEqual([[EVENT_ID, [NEW_WORKER, PEOPLE.healthMember].map((id) => directory.person(id)!.email)]]);
  });

  it('leaves the old worker no way into the case: opening it is refused and their caseload no longer lists it', async () => {
    const scene = await appScene(requestAt('booked'));
    await replace(scene);
    const viewed = await makeViewRequest(scene.deps)(actor(PEOPLE.psychiatryMember), REQUEST_ID);
    expect(viewed.ok === false && viewed.error.code).toBe('request.not_permitted');
    const caseload = await makeListCaseload(scene.deps)(PEOPLE.psychiatryMember);
    expect(caseload.groups.flatMap((g) => g.rows.map((r) => r.request.id))).not.toContain(REQUEST_ID);
    expect((await makeListCaseload(scene.deps)(NEW_WORKER)).groups.find((g) => g.role === 'named')?.rows.map((r) => r.request.id)).toEqual([REQUEST_ID]);
  });

  it('holds the new worker, not the old one, at the booked time, so neither is double-booked from what calendars do not show yet', async () => {
    const scene = await appScene(requestAt('booked'));
    const slot = requestAt('booked').meeting!.booked!.slot;
    const participants = [PEOPLE.worker, PEOPLE.psychiatryMember, PEOPLE.healthMember];
    await scene.reservations.reserve({ unitId: 'perhesosiaalityo', ...slot, parts: 2, participants }, REQUEST_ID);
    await replace(scene);
    await runEffect(scene.deps, scene.queued[0]!.effect);
    const held = await scene.reservations.peopleHeld([PEOPLE.psychiatryMember, NEW_WORKER], `${slot.date}T00:00:00.000Z`, `${slot.date}T23:00:00.000Z`, 'another-request');
    expect(held.map((h) => h.personId)).toEqual([NEW_WORKER]);
  });

  it('hands the omatyöntekijä role to the replacement, who is told what it means', async () => {
    const scene = await appScene(requestAt('follow_up'));
    expect((await replace(scene, NEW_WORKER, 'long_absence')).ok).toBe(true);
    expect((await scene.stored()).request.responsibleWorkerId).toBe(NEW_WORKER);
    await runEffect(scene.deps, scene.queued[0]!.effect);
    expect(scene.notified).toContainEqual({ kind: 'responsible_worker', to: NEW_WORKER });
  });

  it('refuses the worker already named, someone outside the unit, a reason not on the list, a unit not yet named, and a closed case', async () => {
    const scene = await appScene(requestAt('named'));
    await expectRefused(scene, await replace(scene, PEOPLE.psychiatryMember), 'request.same_worker');
    await expectRefused(scene, await replace(scene, PEOPLE.healthMember), 'request.worker_not_in_unit');
    await expectRefused(scene, await replace(scene, NEW_WORKER, 'she quit'), 'request.replace_reason_required');
    const acknowledged = await appScene(requestAt('acknowledged'));
    await expectRefused(acknowledged, await replace(acknowledged), 'request.illegal_transition');
    const closed = await appScene(requestAt('closed'));
    await expectRefused(closed, await replace(closed), 'request.illegal_transition');
  });

  it('lets only a lead of the unit replace its worker', async () => {
    const scene = await appScene(requestAt('named'));
    expect(await replace(scene, NEW_WORKER, 'left_unit', PEOPLE.healthLead)).toEqual({ ok: false, error: { code: 'request.not_permitted' } });
    expect((await scene.stored()).request).toEqual(scene.initial);
  });
});
