import { describe, expect, it } from 'vitest';
import { runEffect } from '../../src/app/effects/run-effect.js';
import type { BusyTime } from '../../src/app/calendar-gateway.js';
import { appScene } from '../support/app-fakes.js';
import { PEOPLE, REQUEST_ID, SLOTS, requestAt } from '../support/app-requests.js';
import { directory } from '../support/people.js';

const effect = { kind: 'meeting_needed', requestId: REQUEST_ID } as const;
const participants = [PEOPLE.worker, PEOPLE.psychiatryMember, PEOPLE.healthMember];
const JANUARY_20 = { date: '2027-01-20', start: '2027-01-20T10:00:00.000Z', end: '2027-01-20T10:45:00.000Z', caseIndexes: [0], unitId: 'perhesosiaalityo', parts: 2 };
const busyOn = (personId: string, startIso: string, endIso: string, subject?: string): BusyTime => ({ mailbox: directory.person(personId)!.email!, startIso, endIso, status: 'busy', subject });

describe('the proposals job', () => {
  it('proposes the next free Yhteistyöajat to the participants, explains the holiday skipped and reminds the chair to choose', async () => {
    const scene = await appScene(requestAt('named'));
    expect((await runEffect(scene.deps, effect)).ok).toBe(true);
    const { request } = await scene.stored();
    expect(request.status).toBe('meeting_proposed');
    expect(request.meeting).toEqual({
      generation: 1,
      proposals: [SLOTS[0], SLOTS[2], JANUARY_20],
      skipped: [{ date: '2027-01-06', kind: 'holiday', holiday: 'loppiainen' }],
    });
    expect(scene.notified).toEqual(participants.map((to) => ({ kind: 'meeting_proposed', to })));
    expect(scene.effects()).toEqual([{ kind: 'choose_reminder', key: `choose-${REQUEST_ID}-g1-1` }]);
    expect(scene.audited('request.meeting_proposed')).toMatchObject([{ actorId: 'yhteistyobotti', status: 'meeting_proposed' }]);
  });

  it('makes one round for one ask when its job runs again after dying with the proposals stored', async () => {
    const scene = await appScene(requestAt('named'));
    const asked = { ...effect, round: `meeting-needed-${REQUEST_ID}-v7` };
    // The first run stores the proposals and dies before anyone hears of them.
    scene.deps.notifier.notify = async () => Promise.reject(new Error('worker killed'));
    await expect(runEffect(scene.deps, asked)).rejects.toThrow('worker killed');
    expect((await scene.stored()).request.meeting?.generation).toBe(1);
    scene.deps.notifier.notify = async (_stored, n) => {
      scene.notified.push(n);
      return { recipients: ['to' in n ? n.to : ''], failures: [] };
    };

    expect((await runEffect(scene.deps, asked)).ok).toBe(true);
    expect((await scene.stored()).request.meeting?.generation).toBe(1);
    expect(scene.notified).toEqual(participants.map((to) => ({ kind: 'meeting_proposed', to })));
  });

  it('passes over a Wednesday a participant is busy, naming them, but not for the standing Yhteistyöaika hold', async () => {
    const scene = await appScene(requestAt('named'));
    scene.calendar.busy = [
      busyOn(PEOPLE.healthMember, '2026-12-09T09:00:00.000Z', '2026-12-09T12:00:00.000Z'),
      busyOn(PEOPLE.psychiatryMember, '2026-12-23T10:00:00.000Z', '2026-12-23T11:30:00.000Z', 'Yhteistyöaika'),
    ];
    await runEffect(scene.deps, effect);
    const { meeting } = (await scene.stored()).request;
    expect(meeting?.skipped[0]).toEqual({ date: '2026-12-09', kind: 'busy', busyPeople: [PEOPLE.healthMember] });
    expect(meeting?.proposals[0]).toEqual(SLOTS[2]);
  });

  it('tells the chair when no Yhteistyöaika is free in the next half year', async () => {
    const scene = await appScene(requestAt('named'));
    scene.calendar.busy = [busyOn(PEOPLE.worker, '2026-11-01T00:00:00.000Z', '2027-12-31T00:00:00.000Z')];
    await runEffect(scene.deps, effect);
    expect(scene.notified).toEqual([{ kind: 'no_free_slot', to: PEOPLE.worker }]);
    expect((await scene.stored()).request.status).toBe('routed');
  });

  it('proposes nothing before every unit has named its worker', async () => {
    const scene = await appScene(requestAt('acknowledged'));
    await runEffect(scene.deps, effect);
    expect(scene.notified).toEqual([]);
    expect((await scene.stored()).request).toEqual(requestAt('acknowledged'));
  });

  it('fails transiently, redrawing nothing, when the request cannot be held to store the proposals', async () => {
    const scene = await appScene(requestAt('named'), { overrides: { locks: { withLock: async () => undefined } } });
    expect(await runEffect(scene.deps, effect)).toEqual({ ok: false, error: { kind: 'transient', code: 'request.busy' } });
    expect(scene.notified).toEqual([]);
    expect(scene.redrawn).toEqual([]);
  });
});
