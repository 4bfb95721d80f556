import type { Repair } from '../app/booking/repair-stuck-requests.js';

export interface WatchdogLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * Runs the sweep for requests stuck between states every `everyMs`, one sweep at a time, and
 * names every repair in the log (ids only). A sweep that fails (Redis away) is logged and the next
 * one tries again.
 */
export function startWatchdog(sweep: () => Promise<Repair[]>, everyMs: number, log: WatchdogLog): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = sweep()
      .then((repairs) => {
        for (const repair of repairs) log.warn({ ...repair }, 'watchdog repaired a request stuck between states');
      })
      .catch((error: unknown) => log.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'watchdog sweep failed; the next one tries again'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
