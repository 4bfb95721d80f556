import type { OccurrenceBlocks } from '../../src/app/ports.js';
import type { OccurrenceBlock } from '../../src/domain/slots/unit-occurrences.js';

/** Blocked occurrences in memory, per unit and date, as Redis keeps them. */
export class InMemoryOccurrenceBlocks implements OccurrenceBlocks {
  private readonly blocks = new Map<string, OccurrenceBlock>();

  async block(unitId: string, date: string, block: OccurrenceBlock): Promise<void> {
    this.blocks.set(`${unitId}|${date}`, block);
  }

  async unblock(unitId: string, date: string): Promise<boolean> {
    return this.blocks.delete(`${unitId}|${date}`);
  }

  async between(unitId: string, fromDate: string, toDate: string): Promise<Map<string, OccurrenceBlock>> {
    return new Map(
      [...this.blocks].flatMap(([key, block]) => {
        const [unit = '', date = ''] = key.split('|');
        return unit === unitId && fromDate <= date && date <= toDate ? [[date, block] as const] : [];
      }),
    );
  }
}
