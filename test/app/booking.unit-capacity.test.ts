import { describe, expect, it } from 'vitest';
import { makeChooseMeetingSlot } from '../../src/app/booking/choose-meeting-slot.js';
import { runEffect } from '../../src/app/effects/run-effect.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { UnitDirectory } from '../../src/domain/units/unit-directory.js';
import { RedisSlotReservations } from '../../src/store/redis-slot-reservations.js';
import { appScene } from '../support/app-fakes.js';
import { actor, requestAt } from '../support/app-requests.js';
import { directory } from '../support/people.js';
import { sharedRedis } from '../support/shared-redis.js';

/**
 * Issue #15: every social-care unit holds its own Yhteistyöaika. Cases of different units on the
 * same Wednesday take nothing from each other; a unit's own occurrence holds as many cases as the
 * unit says; a person in two cases is never booked into both at once.
 */
const { redis, prefix } = sharedRedis();
const WEDNESDAY = '2026-12-09';
const members = (unitId: string) => directory.unit(unitId)!.members;

/** A request of `sendingUnitId` with every worker named, its own people in it: the nth member of each unit. */
function namedRequest(id: string, sendingUnitId: string, nth: number, namedWorkers: readonly [string, string] = [members('lastenpsykiatria')[nth]!, members('terveysasemat')[nth]!]): CollaborationRequest {
  const base = requestAt('named');
  return {
    ...base,
    id,
    reference: `YT-2026-01${id.slice(-2)}`,
    sendingUnitId,
    ownerId: members(sendingUnitId)[nth]!,
    units: base.units.map((u, i) => ({ ...u, namedWorkerId: namedWorkers[i]! })),
  };
}

/** Proposes times for the request, then its chair takes the first; answers the time taken. */
async function bookFirstProposal(reservations: RedisSlotReservations, request: CollaborationRequest, directoryOverride?: UnitDirectory) {
  const overrides = directoryOverride ? { directory: { current: () => directoryOverride } } : undefined;
  const scene = await appScene(request, { schedulingOverrides: { reservations }, ...(overrides && { overrides }) });
  expect((await runEffect(scene.deps, { kind: 'meeting_needed', requestId: request.id })).ok).toBe(true);
  const { meeting } = (await scene.stored()).request;
  const chosen = await makeChooseMeetingSlot(scene.deps)(actor(request.ownerId), request.id, 0);
  expect(chosen.ok).toBe(true);
  return { first: meeting!.proposals[0]!, skipped: meeting!.skipped };
}

describe('each unit’s own Yhteistyöaika', () => {
  it('books three cases of three units into the same Wednesday at noon, none taking another’s part', async () => {
    const reservations = new RedisSlotReservations(redis, prefix());
    const taken = [];
    for (const [i, unitId] of ['perhesosiaalityo', 'lastensuojelu', 'aikuissosiaalityo'].entries()) {
      taken.push((await bookFirstProposal(reservations, namedRequest(`unit-capacity-${i}0`, unitId, i))).first);
    }
    expect(taken.map((slot) => [slot.unitId, slot.date, slot.caseIndexes])).toEqual([
      ['perhesosiaalityo', WEDNESDAY, [0]],
      ['lastensuojelu', WEDNESDAY, [0]],
      ['aikuissosiaalityo', WEDNESDAY, [0]],
    ]);
    for (const unitId of ['perhesosiaalityo', 'lastensuojelu', 'aikuissosiaalityo']) expect(await reservations.bookedBetween(unitId, WEDNESDAY, WEDNESDAY)).toHaveLength(1);
  });

  it('offers a unit’s third case of a Wednesday its next occurrence once the unit’s two parts are taken, and says the Wednesday was full', async () => {
    const reservations = new RedisSlotReservations(redis, prefix());
    const first = await bookFirstProposal(reservations, namedRequest('unit-full-01', 'perhesosiaalityo', 0));
    const second = await bookFirstProposal(reservations, namedRequest('unit-full-02', 'perhesosiaalityo', 1));
    const third = await bookFirstProposal(reservations, namedRequest('unit-full-03', 'perhesosiaalityo', 2));
    expect([first.first.caseIndexes, second.first.caseIndexes]).toEqual([[0], [1]]);
    expect(third.skipped[0]).toEqual({ date: WEDNESDAY, kind: 'full' });
    expect(third.first.date).toBe('2026-12-23');
  });

  it('never books a person into two cases at once: their second case of another unit gets the other part', async () => {
    const reservations = new RedisSlotReservations(redis, prefix());
    const shared = members('lastenpsykiatria')[0]!;
    await bookFirstProposal(reservations, namedRequest('unit-person-01', 'perhesosiaalityo', 0, [shared, members('terveysasemat')[0]!]));
    // Nothing in the calendars yet: only the reservation knows the psychiatrist is taken at noon.
    const other = await bookFirstProposal(reservations, namedRequest('unit-person-02', 'lastensuojelu', 1, [shared, members('terveysasemat')[1]!]));
    expect(other.first).toMatchObject({ unitId: 'lastensuojelu', date: WEDNESDAY, caseIndexes: [1], start: '2026-12-09T10:45:00.000Z' });
  });

  it('meets a health-care sender’s case in the social-care unit the directory names, with that unit’s cases per slot', async () => {
    const reservations = new RedisSlotReservations(redis, prefix());
    const units = directory.units.map((u) => (u.id === 'perhesosiaalityo' ? { ...u, casesPerSlot: 1 } : u));
    const neuvola = namedRequest('unit-host-01', 'neuvolat', 0);
    const { first } = await bookFirstProposal(reservations, neuvola, withUnits(units));
    expect(first).toMatchObject({ unitId: 'perhesosiaalityo', caseIndexes: [0], parts: 1, start: '2026-12-09T10:00:00.000Z', end: '2026-12-09T11:30:00.000Z' });
  });
});

/** The example directory with its units replaced. */
function withUnits(units: UnitDirectory['units']): UnitDirectory {
  return new UnitDirectory(units, peopleOf(directory), directory.leadership, directory.dataProtectionOfficers);
}

function peopleOf(source: UnitDirectory) {
  const ids = new Set(source.units.flatMap((u) => [...u.supervisors, ...u.deputies, ...u.members, ...(u.escalation ?? [])]));
  return [...ids].flatMap((id) => source.person(id) ?? []);
}
