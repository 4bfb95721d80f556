import { describe, expect, it } from 'vitest';
import type { ChannelLinks } from '../../../src/app/ports.js';

export function describeChannelLinksContract(name: string, make: () => ChannelLinks): void {
  describe(`channel links contract (${name})`, () => {
    it('finds a link both ways, several units on one channel in order', async () => {
      const links = make();
      await links.link('u2', 'channel-1');
      await links.link('u1', 'channel-1');
      expect(await links.channelOf('u1')).toBe('channel-1');
      expect(await links.unitsLinkedTo('channel-1')).toEqual(['u1', 'u2']);
      expect(await links.channelOf('u3')).toBeUndefined();
      expect(await links.unitsLinkedTo('channel-2')).toEqual([]);
    });

    it('moves a unit linked again out of its previous channel', async () => {
      const links = make();
      await links.link('u1', 'channel-1');
      await links.link('u1', 'channel-2');
      expect(await links.channelOf('u1')).toBe('channel-2');
      expect(await links.unitsLinkedTo('channel-1')).toEqual([]);
      expect(await links.unitsLinkedTo('channel-2')).toEqual(['u1']);
    });

    it('unlinks a unit in both directions, and leaves the other units be', async () => {
      const links = make();
      await links.link('u1', 'channel-1');
      await links.link('u2', 'channel-1');
      await links.unlink('u1');
      await links.unlink('never-linked');
      expect(await links.channelOf('u1')).toBeUndefined();
      expect(await links.unitsLinkedTo('channel-1')).toEqual(['u2']);
    });

    it('leaves a unit linked to two channels at once in exactly one of them', async () => {
      const links = make();
      const units = Array.from({ length: 10 }, (_, i) => `u${i}`);
      await Promise.all(units.flatMap((unit) => [links.link(unit, 'channel-1'), links.link(unit, 'channel-2')]));
      const [first, second] = [await links.unitsLinkedTo('channel-1'), await links.unitsLinkedTo('channel-2')];
      expect([...first, ...second].sort()).toEqual([...units].sort());
      for (const unit of units) expect(await links.unitsLinkedTo((await links.channelOf(unit))!)).toContain(unit);
    });
  });
}
