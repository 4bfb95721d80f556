import type { SlotReservations } from '../../src/app/ports.js';

/** Yhteistyöaika reservations in memory: per date, part index → the request holding it. */
export class InMemorySlotReservations implements SlotReservations {
  private readonly holders = new Map<string, Map<number, string>>();

  async reserve(date: string, caseIndexes: readonly number[], requestId: string): Promise<boolean> {
    const parts = this.holders.get(date) ?? new Map<number, string>();
    if (caseIndexes.some((i) => (parts.get(i) ?? requestId) !== requestId)) return false;
    for (const i of caseIndexes) parts.set(i, requestId);
    this.holders.set(date, parts);
    return true;
  }

  async release(date: string, caseIndexes: readonly number[], requestId: string): Promise<void> {
    const parts = this.holders.get(date);
    for (const i of caseIndexes) if (parts?.get(i) === requestId) parts.delete(i);
  }

  async bookedBetween(fromDate: string, toDate: string): Promise<{ date: string; index: number }[]> {
    return [...this.holders]
      .filter(([date]) => fromDate <= date && date <= toDate)
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([date, parts]) => [...parts.keys()].map((index) => ({ date, index })));
  }

  async heldBy(requestId: string, fromDate: string): Promise<{ date: string; caseIndexes: number[] }[]> {
    return [...this.holders]
      .filter(([date]) => fromDate <= date)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, parts]) => ({ date, caseIndexes: [...parts].flatMap(([index, holder]) => (holder === requestId ? [index] : [])).sort((a, b) => a - b) }))
      .filter((held) => held.caseIndexes.length > 0);
  }
}
