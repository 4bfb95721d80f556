import { describe, expect, it } from 'vitest';
import { makeSendStandingSeries } from '../../src/app/units/send-standing-series.js';
import { appScene, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, actor } from '../support/app-requests.js';
import { directory } from '../support/people.js';

const emailOf = (id: string) => directory.person(id)!.email!;

describe('sending the standing Yhteistyöaika series', () => {
  it("sends every other Wednesday from the next occurrence to the social-care unit's members and deputies", async () => {
    const scene = await appScene(undefined);
    const unit = directory.unit('perhesosiaalityo')!;
    expect(await makeSendStandingSeries(scene.deps)(actor(PEOPLE.supervisor))).toEqual({ ok: true, value: [{ unitId: 'perhesosiaalityo', attendees: 4 }] });
    expect(scene.calendar.created).toEqual([
      {
        organizer: emailOf(PEOPLE.supervisor),
        subject: 'Yhteistyöaika',
        bodyText: 'Yhteistyö-tiimin vakioaika',
        startIso: '2026-11-25T10:00:00.000Z',
        endIso: '2026-11-25T11:30:00.000Z',
        attendees: [...unit.members, ...unit.deputies].map(emailOf),
        transactionId: 'yt-series-perhesosiaalityo',
        recurrence: { intervalWeeks: 2, startDate: '2026-11-25' },
      },
    ]);
    expect(scene.audit).toEqual([{ at: AT, actorId: PEOPLE.supervisor, action: 'unit.series_sent', requestId: '-', unitId: 'perhesosiaalityo' }]);
  });

  it('sends the same event again when the supervisor sends twice', async () => {
    const scene = await appScene(undefined);
    await makeSendStandingSeries(scene.deps)(actor(PEOPLE.supervisor));
    await makeSendStandingSeries(scene.deps)(actor(PEOPLE.supervisor));
    expect(scene.calendar.created).toHaveLength(1);
  });

  it.each([
    ['a health-care supervisor', PEOPLE.healthLead],
    ['a deputy', PEOPLE.deputy],
    ['a worker', PEOPLE.worker],
  ])('refuses %s', async (_who, personId) => {
    const scene = await appScene(undefined);
    await expectRefused(scene, await makeSendStandingSeries(scene.deps)(actor(personId)), 'series.not_supervisor');
    expect(scene.calendar.created).toEqual([]);
  });

  it('is unavailable where Graph is not configured', async () => {
    const scene = await appScene(undefined, { scheduling: false });
    await expectRefused(scene, await makeSendStandingSeries(scene.deps)(actor(PEOPLE.supervisor)), 'series.unavailable');
  });
});
