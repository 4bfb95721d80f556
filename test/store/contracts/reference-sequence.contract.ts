import { describe, expect, it } from 'vitest';
import type { ReferenceSequence } from '../../../src/app/ports.js';

export function describeReferenceSequenceContract(name: string, make: () => ReferenceSequence): void {
  describe(`reference sequence contract (${name})`, () => {
    it('counts each year from 1 on its own', async () => {
      const sequence = make();
      expect([await sequence.next(2026), await sequence.next(2026), await sequence.next(2027), await sequence.next(2026)]).toEqual([1, 2, 1, 3]);
    });

    it('never hands out a number twice, also to simultaneous callers', async () => {
      const sequence = make();
      const numbers = await Promise.all(Array.from({ length: 25 }, () => sequence.next(2026)));
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    });
  });
}
