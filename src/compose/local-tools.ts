import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../app/ports.js';
import type { BullEffectQueue, QueueLook } from '../jobs/bull-effect-queue.js';
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

/**
 * Resolves once every effect written so far has been queued and has run: for tests and local
 * scripts that wait on the fan-out. One look reads the outbox, then the queue; a job can write a
 * follow-on to the outbox after the first read and finish before the second, before any relay has
 * queued it, so one quiet look proves nothing. Two quiet looks in a row with no job finished or
 * delayed between them do: work handed on in between is in the outbox or the queue at the second.
 */
export function settledEffects(effects: { look(): Promise<QueueLook> }, outbox: { size(): Promise<number> }) {
  return async (timeoutMs = 10_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    let quietBefore: string | undefined;
    for (;;) {
      const queue = (await outbox.size()) > 0 ? undefined : await effects.look();
      const quiet = queue && !queue.busy ? queue.moves : undefined;
      if (quiet !== undefined && quiet === quietBefore) return;
      quietBefore = quiet;
      if (Date.now() > deadline) throw new Error('effects did not settle');
      await sleep(10);
    }
  };
}
