import { describe, expect, it } from 'vitest';
import { reportEffectFailure } from '../../src/app/effects/report-effect-failure.js';
import { appScene } from '../support/app-fakes.js';
import { PEOPLE, REQUEST_ID, requestAt } from '../support/app-requests.js';

const book = { kind: 'book', requestId: REQUEST_ID } as const;

describe('reporting a step that failed for good', () => {
  it('tells the chair which step failed and why, and redraws the cards', async () => {
    const scene = await appScene(requestAt('chosen'));
    await reportEffectFailure(scene.deps, book, 'booking.no_organizer', 'job-1');
    expect(scene.notified).toEqual([{ kind: 'step_failed', to: PEOPLE.worker, step: 'book', code: 'booking.no_organizer' }]);
    expect(scene.redrawn).toEqual([requestAt('chosen').version]);
  });

  it('tells the chair of one failure once, and of another failure again', async () => {
    const scene = await appScene(requestAt('chosen'));
    await reportEffectFailure(scene.deps, book, 'booking.no_organizer', 'job-1');
    await reportEffectFailure(scene.deps, book, 'booking.no_organizer', 'job-1');
    await reportEffectFailure(scene.deps, book, 'booking.no_organizer', 'job-2');
    expect(scene.notified).toHaveLength(2);
  });

  it('says nothing of a request that no longer exists', async () => {
    const scene = await appScene(undefined);
    await reportEffectFailure(scene.deps, book, 'booking.no_organizer', 'job-1');
    expect([scene.notified, scene.redrawn]).toEqual([[], []]);
  });
});
