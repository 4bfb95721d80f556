import type { Absence, Absences } from '../../src/app/ports.js';

/** Absences in memory, one per person, as Redis keeps them. */
export class InMemoryAbsences implements Absences {
  private readonly absences = new Map<string, Absence>();

  async record(personId: string, absence: Absence): Promise<void> {
    this.absences.set(personId, absence);
  }

  async clear(personId: string): Promise<void> {
    this.absences.delete(personId);
  }

  async awayOn(personIds: readonly string[], date: string): Promise<Map<string, Absence>> {
    return new Map(personIds.flatMap((id) => {
      const absence = this.absences.get(id);
      return absence && absence.from <= date && date <= absence.to ? [[id, absence] as const] : [];
    }));
  }
}
