import { describe, expect, it } from 'vitest';
import { makeListWaitingFor } from '../../src/app/routing/list-waiting-for.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { DESCRIBED, PEOPLE, requestAt } from '../support/app-requests.js';
import { auditChain } from '../support/audit-chain.js';
import { directory } from '../support/people.js';
import { sharedRedis } from '../support/shared-redis.js';

const { redis, prefix } = sharedRedis();

const minutesAfter = (start: string, minutes: number) => new Date(Date.parse(start) + minutes * 60_000).toISOString();

describe('what waits for a lead of a busy unit', () => {
  it('lists a case older than hundreds of later ones, open and closed, and no closed case', async () => {
    const p = prefix();
    const requests = new RedisRequestRepository(redis, p, new DescriptionCipher([{ id: 'k1', key: Buffer.alloc(32, 4) }]), auditChain(p));
    const numbered = (stage: 'routed' | 'closed', label: string, i: number, at: string): CollaborationRequest =>
      requestAt(stage, { id: `${label}-${String(i).padStart(4, '0')}`, reference: `YT-2026-${label}${i}`, updatedAt: at });
    const oldest = requestAt('routed', { id: 'oldest-waiting', reference: 'YT-2026-0001', updatedAt: '2026-01-05T08:00:00.000Z' });
    // Every later case changed after the oldest one: 300 closed and 250 still to acknowledge.
    const later = [
      ...Array.from({ length: 300 }, (_, i) => numbered('closed', 'closed', i, minutesAfter('2026-02-01T08:00:00.000Z', i))),
      ...Array.from({ length: 250 }, (_, i) => numbered('routed', 'open', i, minutesAfter('2026-06-01T08:00:00.000Z', i))),
    ];
    const outcomes = await Promise.all([oldest, ...later].map((request) => requests.create({ request, description: DESCRIBED })));
    expect(outcomes.every((o) => o === 'written')).toBe(true);

    const waiting = await makeListWaitingFor({ requests, directory: { current: () => directory } })(PEOPLE.healthLead);

    expect(waiting).toHaveLength(251);
    expect(waiting.at(-1)).toMatchObject({ request: { id: 'oldest-waiting' }, unitId: 'terveysasemat', step: 'acknowledge' });
    expect(waiting.filter((item) => item.request.status === 'closed')).toEqual([]);
  });
});
