/**
 * Runs `task` every `everyMs`, one run at a time: a tick that finds the last run still going is
 * skipped. A run that fails (Redis away) goes to `failed`, and the next tick tries again.
 */
export function runEvery(task: () => Promise<void>, everyMs: number, failed: (error: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = task()
      .catch(failed)
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
