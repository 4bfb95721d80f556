import type { Repair } from '../app/booking/repair-stuck-requests.js';
import { runEvery } from './periodic.js';

export interface WatchdogLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

const errorOf = (error: unknown) => ({ err: { name: (error as Error).name, message: (error as Error).message } });

/**
 * Runs the sweep for requests stuck between states every `everyMs`, one sweep at a time, and
 * names every repair in the log (ids only). A sweep that fails (Redis away) is logged and the next
 * one tries again.
 */
export function startWatchdog(sweep: () => Promise<Repair[]>, everyMs: number, log: WatchdogLog): { stop(): Promise<void> } {
  return runEvery(
    async () => {
      for (const repair of await sweep()) log.warn({ ...repair }, 'watchdog repaired a request stuck between states');
    },
    everyMs,
    (error) => log.warn(errorOf(error), 'watchdog sweep failed; the next one tries again'),
  );
}

/**
 * Refiles, every `everyMs`, the requests an older instance wrote during a rolling deploy without
 * the indexes this release keeps, so a case is missing from nobody's "Omat asiat" for longer.
 */
export function startIndexSweep(reindex: () => Promise<number>, everyMs: number, log: WatchdogLog): { stop(): Promise<void> } {
  return runEvery(
    async () => {
      const filed = await reindex();
      if (filed > 0) log.warn({ filed }, 'requests refiled under their indexes (an older instance wrote them)');
    },
    everyMs,
    (error) => log.warn(errorOf(error), 'index sweep failed; the next one tries again'),
  );
}
