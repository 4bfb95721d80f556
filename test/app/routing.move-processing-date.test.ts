import { describe, expect, it } from 'vitest';
import { runEffect } from '../../src/app/effects/run-effect.js';
import { makeMoveProcessingDate } from '../../src/app/routing/move-processing-date.js';
import { namingReminder } from '../../src/app/workflow/reminder-schedule.js';
import { appScene, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';

/** Issue #15: the receiving lead moves the unit's processing date, with a reason; the chair hears of it and reminders follow. */
describe('moving a processing date', () => {
  const move = (scene: Awaited<ReturnType<typeof appScene>>, date: string, reason = 'team_meeting_moved', by = PEOPLE.psychiatryLead) =>
    makeMoveProcessingDate(scene.deps)(actor(by), REQUEST_ID, 'lastenpsykiatria', date, reason);

  it('records the new date with the old one and the reason, tells the chair, and reminds to name a worker after the new date', async () => {
    const scene = await appScene(requestAt('acknowledged'));
    expect((await move(scene, '2026-12-10')).ok).toBe(true);
    const unit = (await scene.stored()).request.units.find((u) => u.unitId === 'lastenpsykiatria');
    expect(unit).toMatchObject({ status: 'acknowledged', processingDate: '2026-12-10', processingDateMoved: { from: '2026-12-03', reason: 'team_meeting_moved', by: PEOPLE.psychiatryLead, at: AT } });
    expect(scene.effects()).toEqual([
      { kind: 'processing_date_moved', key: `date-moved-${REQUEST_ID}-v6` },
      { kind: 'name_reminder', key: `name-${REQUEST_ID}-lastenpsykiatria-2026-12-10-1` },
    ]);
    expect(scene.audited('request.processing_date_moved')).toMatchObject([{ actorId: PEOPLE.psychiatryLead, unitId: 'lastenpsykiatria' }]);
    await runEffect(scene.deps, scene.queued[0]!.effect);
    expect(scene.notified).toEqual([{ kind: 'processing_date_moved', to: PEOPLE.worker, unitId: 'lastenpsykiatria' }]);
  });

  it('refuses a past date, the same date, a reason not on the list, a unit not yet acknowledged, and a lead of another unit', async () => {
    const scene = await appScene(requestAt('acknowledged'));
    await expectRefused(scene, await move(scene, '2026-11-01'), 'request.invalid_date');
    await expectRefused(scene, await move(scene, '2026-12-03'), 'request.date_unchanged');
    await expectRefused(scene, await move(scene, '2026-12-10', 'he is ill'), 'request.move_reason_required');
    expect(await move(scene, '2026-12-10', 'workload', PEOPLE.healthLead)).toEqual({ ok: false, error: { code: 'request.not_permitted' } });
    expect(scene.audited('request.access_denied')).toMatchObject([{ actorId: PEOPLE.healthLead }]);
    const routed = await appScene(requestAt('routed'));
    await expectRefused(routed, await move(routed, '2026-12-10'), 'request.illegal_transition');
  });

  it('is closed once the unit has named its worker: the date has done its part', async () => {
    const scene = await appScene(requestAt('named'));
    const moved = await move(scene, '2026-12-10');
    expect(moved.ok === false && moved.error.code).toBe('request.already_decided');
  });

  it('leaves the reminder of the old date silent, and the new date’s reminder speaks', async () => {
    const scene = await appScene(requestAt('acknowledged'));
    const old = namingReminder(scene.deps, requestAt('acknowledged'), 'lastenpsykiatria', 1)!;
    await move(scene, '2026-12-10');
    await runEffect(scene.deps, old.effect);
    expect(scene.notified).toEqual([]);
    const fresh = scene.queued.find((q) => q.effect.kind === 'name_reminder')!;
    await runEffect(scene.deps, fresh.effect);
    expect(scene.notified.map((n) => n.kind)).toContain('name_reminder');
  });
});
