import type { ReferenceSequence } from '../../src/app/ports.js';

/** One counter per year, from 1. */
export class InMemoryReferenceSequence implements ReferenceSequence {
  private readonly last = new Map<number, number>();

  async next(year: number): Promise<number> {
    const next = (this.last.get(year) ?? 0) + 1;
    this.last.set(year, next);
    return next;
  }
}
