import { describe, expect, it } from 'vitest';
import { makePauseReminders } from '../../src/app/units/pause-reminders.js';
import { appScene, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, actor } from '../support/app-requests.js';

describe("pausing a unit's reminders over a holiday", () => {
  it('pauses the units the supervisor leads for the period and audit-logs it', async () => {
    const scene = await appScene(undefined);
    expect(await makePauseReminders(scene.deps)(actor(PEOPLE.healthLead), '2026-12-21', '2027-01-03')).toEqual({ ok: true, value: ['terveysasemat'] });
    expect(await scene.pauses.pausedOn('terveysasemat', '2026-12-24')).toEqual({ from: '2026-12-21', to: '2027-01-03' });
    expect(await scene.pauses.pausedOn('terveysasemat', '2027-01-04')).toBeUndefined();
    expect(await scene.pauses.pausedOn('lastenpsykiatria', '2026-12-24')).toBeUndefined();
    expect(scene.audit).toEqual([{ at: AT, actorId: PEOPLE.healthLead, action: 'unit.reminders_paused', requestId: '-', unitId: 'terveysasemat' }]);
    expect(scene.queued).toEqual([]);
  });

  it('refuses a worker who leads no unit', async () => {
    const scene = await appScene(undefined);
    await expectRefused(scene, await makePauseReminders(scene.deps)(actor(PEOPLE.healthMember), '2026-12-21', '2027-01-03'), 'pause.not_a_lead');
    expect(await scene.pauses.pausedOn('terveysasemat', '2026-12-24')).toBeUndefined();
  });

  it.each([
    ['ends before it starts', '2027-01-03', '2026-12-21'],
    ['is not in ISO dates', '21.12.2026', '3.1.2027'],
  ])('refuses a period that %s', async (_why, from, to) => {
    const scene = await appScene(undefined);
    await expectRefused(scene, await makePauseReminders(scene.deps)(actor(PEOPLE.healthLead), from, to), 'pause.invalid_period');
    expect(scene.audit).toEqual([]);
  });
});
