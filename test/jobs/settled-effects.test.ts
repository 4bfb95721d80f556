import { describe, expect, it } from 'vitest';
import { settledEffects } from '../../src/compose/local-tools.js';

describe('waiting for the effects of a click to settle', () => {
  it('does not settle on a look that read the outbox just before a finishing job wrote its follow-on there', async () => {
    // One job runs; it writes its follow-on to the outbox right after the first outbox read and
    // finishes before the queue is read, and the relay queues the follow-on a moment later.
    let active = 1;
    let waiting = 0;
    let outboxed = 0;
    let completed = 0;
    const afterRead: Record<number, () => void> = {
      1: () => {
        outboxed = 1;
        active = 0;
        completed = 1;
      },
      3: () => {
        outboxed = 0;
        waiting = 1;
      },
      5: () => {
        waiting = 0;
        completed = 2;
      },
    };
    let reads = 0;
    const read = <T>(value: T): Promise<T> => {
      afterRead[++reads]?.();
      return Promise.resolve(value);
    };
    const settled = settledEffects({ look: () => read({ busy: active + waiting > 0, moves: `${completed}:0:0` }) }, { size: () => read(outboxed) });

    await settled(2000);

    expect(completed, 'the follow-on had run').toBe(2);
  });
});
