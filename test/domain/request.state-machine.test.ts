import { describe, expect, it } from 'vitest';
import { REQUEST_STATUSES, canTransition, formatReference, moveTo, parseReference, type CollaborationRequest } from '../../src/domain/collaboration/request.js';

const draft: CollaborationRequest = {
  id: 'r1',
  version: 1,
  status: 'draft',
  ownerId: 'w',
  collaborationUnitIds: [],
  consentRecorded: false,
  needConfirmedInTeam: false,
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
  units: [],
};

describe('collaboration request life cycle', () => {
  it('sends a draft for approval', () => {
    const moved = moveTo(draft, 'submitted', '2026-11-24T11:00:00.000Z');
    expect(moved.ok && moved.value.status).toBe('submitted');
    expect(moved.ok && moved.value.updatedAt).toBe('2026-11-24T11:00:00.000Z');
  });

  it('refuses to send a request twice with a typed error', () => {
    const result = moveTo({ ...draft, status: 'submitted' }, 'submitted', draft.updatedAt);
    expect(result).toEqual({ ok: false, error: { code: 'request.already_submitted' } });
  });

  it('refuses to skip steps', () => {
    expect(moveTo(draft, 'booked', draft.updatedAt)).toEqual({ ok: false, error: { code: 'request.illegal_transition' } });
  });

  it('ends for good when closed or withdrawn', () => {
    for (const to of REQUEST_STATUSES) {
      expect(canTransition('closed', to)).toBe(false);
      expect(canTransition('withdrawn', to)).toBe(false);
    }
  });

  it('can reach closed from every state but withdrawn along allowed steps', () => {
    const reachable = (from: string, seen = new Set<string>()): Set<string> => {
      seen.add(from);
      for (const to of REQUEST_STATUSES) if (canTransition(from as never, to) && !seen.has(to)) reachable(to, seen);
      return seen;
    };
    for (const status of REQUEST_STATUSES.filter((s) => s !== 'withdrawn' && s !== 'closed')) {
      expect(reachable(status).has('closed'), status).toBe(true);
    }
  });

  it('formats references as YT-YYYY-NNNN', () => {
    expect(formatReference(2026, 42)).toBe('YT-2026-0042');
    expect(formatReference(2027, 12345)).toBe('YT-2027-12345');
  });

  it('reads a typed reference in its one written form, and nothing else as one', () => {
    expect(['YT-2026-0042', ' yt-2026-42 ', 'Yt-2026-00042'].map(parseReference)).toEqual(['YT-2026-0042', 'YT-2026-0042', 'YT-2026-0042']);
    expect(parseReference('yt-2027-12345')).toBe('YT-2027-12345');
    expect(['', 'YT-26-0042', 'YT-2026-', 'YT-2026-0042 x', 'loki YT-2026-0042'].map(parseReference)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
