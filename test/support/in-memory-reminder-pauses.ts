import type { ReminderPauses } from '../../src/app/ports.js';

/** Reminder pauses in memory: one per unit, the latest replacing the one before. */
export class InMemoryReminderPauses implements ReminderPauses {
  private readonly pauses = new Map<string, { from: string; to: string }>();

  async pause(unitId: string, from: string, to: string): Promise<void> {
    this.pauses.set(unitId, { from, to });
  }

  async pausedOn(unitId: string, date: string): Promise<{ from: string; to: string } | undefined> {
    const pause = this.pauses.get(unitId);
    return pause && pause.from <= date && date <= pause.to ? { ...pause } : undefined;
  }
}
