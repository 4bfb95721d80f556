import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../app/ports.js';
import type { BullEffectQueue } from '../jobs/bull-effect-queue.js';
import { MovableClock } from '../jobs/movable-clock.js';

/**
 * Local runs only (no Bot Framework app id): "kello +2" moves the clock two days forward and
 * brings the scheduled jobs with it, so reminders and meeting days can be seen without waiting.
 */
export function clockMover(clock: Clock, effects: BullEffectQueue, localMode: boolean): ((ms: number) => Promise<Date>) | undefined {
  if (!(clock instanceof MovableClock) || !localMode) return undefined;
  return async (ms: number) => {
    clock.moveForward(ms);
    await effects.bringForward(ms);
    return clock.now();
  };
}

/** Resolves once every effect written so far has been queued and has run: for tests and local scripts that wait on the fan-out. */
export function settledEffects(effects: BullEffectQueue, outbox: { size(): Promise<number> }) {
  return async (timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    // The outbox is read first: an entry leaves it only once its job exists.
    while ((await outbox.size()) > 0 || !(await effects.idle())) {
      if (Date.now() > deadline) throw new Error('effects did not settle');
      await sleep(10);
    }
  };
}
