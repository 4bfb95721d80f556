import { describe, expect, it } from 'vitest';
import { makeListCaseload } from '../../src/app/caseload/list-caseload.js';
import { runEffect } from '../../src/app/effects/run-effect.js';
import { makeHandOverChair } from '../../src/app/routing/hand-over-chair.js';
import { appScene, expectRefused } from '../support/app-fakes.js';
import { AT, EVENT_ID, PEOPLE, REQUEST_ID, actor, requestAt } from '../support/app-requests.js';
import { directory } from '../support/people.js';

/** Issue #15: the chair, or the sending unit's lead, hands the case to another worker of the sending unit. */
describe('handing over the chair', () => {
  const hand = (scene: Awaited<ReturnType<typeof appScene>>, to = PEOPLE.colleague, by = PEOPLE.worker) => makeHandOverChair(scene.deps)(actor(by), REQUEST_ID, to);
  const colleague = directory.person(PEOPLE.colleague)!;

  it('makes the colleague the chair and the contact named workers reach, tells everyone, and keeps the booked event where it was made, with new attendees', async () => {
    const scene = await appScene(requestAt('booked'));
    expect((await hand(scene)).ok).toBe(true);
    const stored = await scene.stored();
    expect(stored.request).toMatchObject({ ownerId: PEOPLE.colleague, chairHandedOver: { previousOwnerId: PEOPLE.worker, by: PEOPLE.worker, at: AT } });
    expect(stored.description.texts.senderContact).toBe([colleague.name, colleague.email, colleague.phone].filter(Boolean).join(', '));
    expect(scene.audited('request.chair_handed_over')).toMatchObject([{ actorId: PEOPLE.worker }]);

    await runEffect(scene.deps, scene.queued[0]!.effect);
    expect(scene.notified).toEqual([
      { kind: 'chair_received', to: PEOPLE.colleague },
      { kind: 'chair_description', to: PEOPLE.colleague },
      { kind: 'chair_released', to: PEOPLE.worker },
      { kind: 'chair_changed', to: PEOPLE.psychiatryMember },
      { kind: 'chair_changed', to: PEOPLE.healthMember },
    ]);
    expect(scene.audited('request.disclosed')).toMatchObject([{ recipient: PEOPLE.colleague }]);
    // A booking from before bookings named their organizer: the event is the old chair's, who made it, and is named so now.
    expect(stored.request.meeting?.booked?.organizer).toBe(directory.person(PEOPLE.worker)!.email);
    expect(scene.calendar.attendeeChanges).toEqual([
      { organizer: directory.person(PEOPLE.worker)!.email, eventId: EVENT_ID, attendees: [PEOPLE.colleague, PEOPLE.psychiatryMember, PEOPLE.healthMember].map((id) => directory.person(id)!.email) },
    ]);
  });

  it('updates the attendees of the event in the calendar it was booked in, the old chair invited no more', async () => {
    const booked = requestAt('booked');
    const withOrganizer = { ...booked, meeting: { ...booked.meeting!, booked: { ...booked.meeting!.booked!, organizer: directory.person(PEOPLE.worker)!.email! } } };
    const scene = await appScene(withOrganizer);
    await hand(scene);
    await runEffect(scene.deps, scene.queued[0]!.effect);
    expect(scene.calendar.attendeeChanges[0]?.organizer).toBe(directory.person(PEOPLE.worker)!.email);
    expect(scene.calendar.attendeeChanges[0]?.attendees).toEqual([PEOPLE.colleague, PEOPLE.psychiatryMember, PEOPLE.healthMember].map((id) => directory.person(id)!.email));
  });

  it('moves the case in the caseloads: the new chair has it as sent, the old one no longer', async () => {
    const scene = await appScene(requestAt('routed'));
    await hand(scene, PEOPLE.colleague, PEOPLE.supervisor);
    const ids = async (personId: string, role: string) => (await makeListCaseload(scene.deps)(personId)).groups.find((g) => g.role === role)?.rows.map((r) => r.request.id) ?? [];
    expect(await ids(PEOPLE.colleague, 'sent')).toEqual([REQUEST_ID]);
    expect(await ids(PEOPLE.worker, 'sent')).toEqual([]);
  });

  it('refuses the chair themself, someone outside the sending unit, a draft or a closed case, and anyone but the chair or the sending lead', async () => {
    const scene = await appScene(requestAt('routed'));
    await expectRefused(scene, await hand(scene, PEOPLE.worker), 'request.same_worker');
    await expectRefused(scene, await hand(scene, PEOPLE.psychiatryMember), 'request.not_in_sending_unit');
    const closed = await appScene(requestAt('closed'));
    await expectRefused(closed, await hand(closed), 'request.illegal_transition');
    expect(await hand(scene, PEOPLE.colleague, PEOPLE.psychiatryLead)).toEqual({ ok: false, error: { code: 'request.not_permitted' } });
  });
});
