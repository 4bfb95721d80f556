import { describe, expect, it } from 'vitest';
import { makeLinkChannel, makeUnlinkChannel } from '../../src/app/units/link-channel.js';
import { appScene, expectRefused } from '../support/app-fakes.js';
import { AT, PEOPLE, actor } from '../support/app-requests.js';

const CHANNEL = '19:lastenpsykiatria@thread.tacv2';

describe("linking a channel to a lead's unit", () => {
  it("links the channel to the unit the lead leads, audit-logs it and queues nothing", async () => {
    const scene = await appScene(undefined);
    expect(await makeLinkChannel(scene.deps)(actor(PEOPLE.psychiatryDeputy), CHANNEL)).toEqual({ ok: true, value: ['lastenpsykiatria'] });
    expect(await scene.channelLinks.channelOf('lastenpsykiatria')).toBe(CHANNEL);
    expect(scene.audit).toEqual([{ at: AT, actorId: PEOPLE.psychiatryDeputy, action: 'unit.channel_linked', requestId: '-', unitId: 'lastenpsykiatria' }]);
    expect(scene.queued).toEqual([]);
  });

  it('refuses a worker who leads no unit, and links nothing', async () => {
    const scene = await appScene(undefined);
    await expectRefused(scene, await makeLinkChannel(scene.deps)(actor(PEOPLE.psychiatryMember), CHANNEL), 'unit.not_a_lead');
    expect(await scene.channelLinks.unitsLinkedTo(CHANNEL)).toEqual([]);
    expect(scene.audit).toEqual([]);
  });
});

describe('unlinking a channel', () => {
  it("unlinks the lead's own unit from the channel and audit-logs it", async () => {
    const scene = await appScene(undefined);
    await scene.channelLinks.link('lastenpsykiatria', CHANNEL);
    expect(await makeUnlinkChannel(scene.deps)(actor(PEOPLE.psychiatryLead), CHANNEL)).toEqual({ ok: true, value: ['lastenpsykiatria'] });
    expect(await scene.channelLinks.channelOf('lastenpsykiatria')).toBeUndefined();
    expect(scene.audit.map((e) => [e.action, e.unitId])).toEqual([['unit.channel_unlinked', 'lastenpsykiatria']]);
  });

  it("refuses a lead of another unit, and keeps the unit's link", async () => {
    const scene = await appScene(undefined);
    await scene.channelLinks.link('lastenpsykiatria', CHANNEL);
    await expectRefused(scene, await makeUnlinkChannel(scene.deps)(actor(PEOPLE.healthLead), CHANNEL), 'unit.not_a_lead');
    expect(await scene.channelLinks.channelOf('lastenpsykiatria')).toBe(CHANNEL);
  });

  it('tells a lead that a channel with no unit is not linked', async () => {
    const scene = await appScene(undefined);
    await expectRefused(scene, await makeUnlinkChannel(scene.deps)(actor(PEOPLE.psychiatryLead), CHANNEL), 'unit.not_linked');
  });
});
