import { randomUUID } from 'node:crypto';
import { Queue, type Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { effectDone, type Effect, type EffectOutcome } from '../../src/app/effect.js';
import { err } from '../../src/domain/result.js';
import { DeliveryInFlight } from '../../src/app/workflow/notify-once.js';
import { BullEffectQueue, startEffectWorker, type ErrorClassifier } from '../../src/jobs/bull-effect-queue.js';
import { eventually } from '../support/effect-worker-process.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const quiet = { warn: () => undefined };

interface Failure {
  readonly effect: Effect;
  readonly code: string;
}

/** A queue and a worker of the test's own, with a runner whose outcome each test writes. */
function scene(outcomes: (attempt: number) => Promise<EffectOutcome>, settings: { attempts?: number; classify?: ErrorClassifier } = {}) {
  const prefix = `test:${randomUUID().slice(0, 8)}:bull`;
  const effects = new BullEffectQueue(REDIS_URL, prefix, quiet, { now: () => new Date() }, settings.attempts ?? 3);
  const runs: number[] = [];
  const failures: Failure[] = [];
  const worker: Worker = startEffectWorker(
    REDIS_URL,
    prefix,
    {
      run: async () => {
        runs.push(Date.now());
        return outcomes(runs.length);
      },
      failedForGood: async (effect, code) => {
        failures.push({ effect, code });
      },
    },
    quiet,
    { classify: settings.classify },
  );
  const jobs = new Queue('effects', { connection: { url: REDIS_URL }, prefix });
  const close = async () => {
    await worker.close();
    await effects.close();
    await jobs.obliterate({ force: true });
    await jobs.close();
  };
  return { effects, runs, failures, jobs, close };
}

const booking: Effect = { kind: 'book', requestId: 'r1' };

describe('how a job ends', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('fails a permanent refusal at once, without retries, and reports it once with its code', async () => {
    const s = scene(async () => err({ kind: 'permanent', code: 'booking.no_organizer' }));
    close = s.close;
    await s.effects.enqueue({ effect: booking, key: 'book-r1-v3' });
    await eventually(() => s.failures.length === 1, 'the failure is reported', 10_000);
    expect(s.runs).toHaveLength(1);
    expect(s.failures).toEqual([{ effect: booking, code: 'booking.no_organizer' }]);
    expect((await s.jobs.getJob('book-r1-v3'))?.failedReason).toBe('booking.no_organizer');
  });

  it('does not retry an error the classifier calls not retryable, such as a Graph 400', async () => {
    const s = scene(
      async () => {
        throw new Error('Bad request');
      },
      { classify: () => ({ code: 'graph.ErrorInvalidRequest', retryable: false }) },
    );
    close = s.close;
    await s.effects.enqueue({ effect: booking, key: 'book-r1-v4' });
    await eventually(() => s.failures.length === 1, 'the failure is reported', 10_000);
    expect(s.runs).toHaveLength(1);
    expect(s.failures[0]?.code).toBe('graph.ErrorInvalidRequest');
  });

  it('retries a transient failure after the wait the other side asked for, and reports nothing when it then succeeds', async () => {
    const s = scene(async (attempt) => (attempt === 1 ? err({ kind: 'transient', code: 'graph.TooManyRequests', retryAfterMs: 1500 }) : effectDone));
    close = s.close;
    await s.effects.enqueue({ effect: booking, key: 'book-r1-v5' });
    await eventually(async () => (await (await s.jobs.getJob('book-r1-v5'))?.getState()) === 'completed', 'the retry completes the job', 15_000);
    expect(s.runs).toHaveLength(2);
    expect(s.runs[1]! - s.runs[0]!).toBeGreaterThanOrEqual(1400);
    expect(s.failures).toEqual([]);
  });

  it('reports a transient failure once its tries are used up', async () => {
    const s = scene(async () => err({ kind: 'transient', code: 'request.busy', retryAfterMs: 100 }), { attempts: 2 });
    close = s.close;
    await s.effects.enqueue({ effect: booking, key: 'book-r1-v6' });
    await eventually(() => s.failures.length === 1, 'the failure is reported', 10_000);
    expect(s.runs).toHaveLength(2);
    expect(s.failures[0]?.code).toBe('request.busy');
  });

  it('treats an unclassified thrown error (an outage) as transient', async () => {
    const s = scene(async (attempt) => {
      if (attempt === 1) throw new Error('connect ECONNREFUSED');
      return effectDone;
    });
    close = s.close;
    await s.effects.enqueue({ effect: booking, key: 'book-r1-v7' });
    await eventually(async () => (await (await s.jobs.getJob('book-r1-v7'))?.getState()) === 'completed', 'the retry completes the job', 15_000);
    expect(s.runs).toHaveLength(2);
    expect(s.failures).toEqual([]);
  });

  it('waits out a message another run is sending without using up a try, then completes', async () => {
    // One try only: a wait that counted as a failed try would fail the job for good.
    const s = scene(
      async (attempt) => {
        if (attempt <= 2) throw new DeliveryInFlight('routed-r1-unit-lead', 300);
        return effectDone;
      },
      { attempts: 1 },
    );
    close = s.close;
    await s.effects.enqueue({ effect: booking, key: 'book-r1-v8' });
    await eventually(async () => (await (await s.jobs.getJob('book-r1-v8'))?.getState()) === 'completed', 'the job completes after the waits', 15_000);
    expect(s.runs).toHaveLength(3);
    expect(s.runs[1]! - s.runs[0]!).toBeGreaterThanOrEqual(300);
    expect(s.failures).toEqual([]);
  });
});
