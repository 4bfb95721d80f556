import { describe, expect, it } from 'vitest';
import { CASELOAD_LIMITS, CASELOAD_ROLES, makeListCaseload } from '../../src/app/caseload/list-caseload.js';
import type { RequestRepository } from '../../src/app/ports.js';
import { cardBytes } from '../../src/bot/cards/card-size.js';
import { caseloadCard } from '../../src/bot/cards/caseload-cards.js';
import { CARD_BUDGET_BYTES } from '../../src/domain/card-text.js';
import type { CollaborationRequest } from '../../src/domain/collaboration/request.js';
import { LOCALES } from '../../src/domain/locale.js';
import { translator } from '../../src/i18n/translator.js';
import { DescriptionCipher } from '../../src/store/description-cipher.js';
import { RedisRequestRepository } from '../../src/store/redis-request-repository.js';
import { DESCRIBED, PEOPLE, requestAt, type Stage } from '../support/app-requests.js';
import { auditChain } from '../support/audit-chain.js';
import { directory } from '../support/people.js';
import { sharedRedis } from '../support/shared-redis.js';

const { redis, prefix } = sharedRedis();
const minutesAfter = (start: string, minutes: number) => new Date(Date.parse(start) + minutes * 60_000).toISOString();

/** Counts what the caseload reads, so a scan of every request would show. */
function counting(requests: RequestRepository) {
  const calls: string[] = [];
  const counted = new Proxy(requests, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(name));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { counted, calls };
}

describe('Omat asiat for the 500th case', () => {
  it('lists every group exactly and boundedly from the indexes, and the card stays within what Teams takes', async () => {
    const p = prefix();
    const requests = new RedisRequestRepository(redis, p, new DescriptionCipher([{ id: 'k1', key: Buffer.alloc(32, 5) }]), auditChain(p));
    const numbered = (stage: Stage, i: number, at: string): CollaborationRequest =>
      requestAt(stage, { id: `case-${stage}-${String(i).padStart(4, '0')}`, reference: `YT-2026-${String(1000 + i)}`, updatedAt: at });
    // The oldest open case of all, older than 560 later ones: it must still count.
    const oldest = requestAt('named', { id: 'oldest-open-named', reference: 'YT-2026-0001', updatedAt: '2026-01-05T08:00:00.000Z' });
    const later = [
      ...Array.from({ length: 300 }, (_, i) => numbered('closed', i, minutesAfter('2026-02-01T08:00:00.000Z', i))),
      ...Array.from({ length: 100 }, (_, i) => numbered('withdrawn', i, minutesAfter('2026-03-01T08:00:00.000Z', i))),
      ...Array.from({ length: 60 }, (_, i) => numbered('submitted', i, minutesAfter('2026-04-01T08:00:00.000Z', i))),
      ...Array.from({ length: 50 }, (_, i) => numbered('routed', i, minutesAfter('2026-05-01T08:00:00.000Z', i))),
      ...Array.from({ length: 50 }, (_, i) => numbered('follow_up', i, minutesAfter('2026-06-01T08:00:00.000Z', i))),
    ];
    const outcomes = await Promise.all([oldest, ...later].map((request) => requests.create({ request, description: DESCRIBED })));
    expect(outcomes.every((o) => o === 'written')).toBe(true);
    const { counted, calls } = counting(requests);
    const list = makeListCaseload({ requests: counted, directory: { current: () => directory } });
    const p_fi = { t: translator('fi'), locale: 'fi' as const, directory };
    const group = async (personId: string) => {
      const caseload = await list(personId);
      return { caseload, totals: Object.fromEntries(caseload.groups.map((g) => [g.role, g.total])) };
    };

    const worker = await group(PEOPLE.worker);
    expect(worker.totals).toEqual({ sent: 161 });
    const sent = worker.caseload.groups[0]!;
    expect(sent.rows).toHaveLength(CASELOAD_LIMITS.perGroup);
    expect(sent.rows.map((r) => r.request.id)).toEqual(Array.from({ length: CASELOAD_LIMITS.perGroup }, (_, i) => `case-follow_up-${String(49 - i).padStart(4, '0')}`));
    expect(worker.caseload.finished.map((r) => r.request.id)).toEqual(Array.from({ length: CASELOAD_LIMITS.finished }, (_, i) => `case-withdrawn-${String(99 - i).padStart(4, '0')}`));

    // The sending supervisor approves the 60 waiting and keeps in sight the 101 open ones approved
    // before; the receiving lead's unit received every open routed case.
    const supervisor = await group(PEOPLE.supervisor);
    expect(supervisor.totals).toEqual({ approval: 60, sending: 101 });
    expect((await group(PEOPLE.deputy)).totals).toEqual({ approval: 60, sending: 101 });
    const sending = supervisor.caseload.groups.find((g) => g.role === 'sending')!;
    expect(sending.rows.map((r) => r.request.id)).toEqual(Array.from({ length: CASELOAD_LIMITS.perGroup }, (_, i) => `case-follow_up-${String(49 - i).padStart(4, '0')}`));
    // Withdrawn after approval, the newest ended ones show under "Päättyneet" as what the unit sent.
    expect(supervisor.caseload.finished.map((r) => [r.request.id, r.role])).toEqual(
      Array.from({ length: CASELOAD_LIMITS.finished }, (_, i) => [`case-withdrawn-${String(99 - i).padStart(4, '0')}`, 'sending']),
    );
    const lead = await group(PEOPLE.psychiatryLead);
    expect(lead.totals).toEqual({ received: 101 });
    // What waits on the lead's unit shows the longest waiting first: the oldest case is on the card, not sunk below 560 later ones.
    expect(lead.caseload.groups[0]!.rows[0]!.request.id).toBe('oldest-open-named');
    expect((await group(PEOPLE.supervisor)).caseload.groups[0]!.rows[0]!.request.id).toBe('case-submitted-0000');
    expect(lead.caseload.finished.map((r) => [r.request.id, r.role])).toEqual(
      Array.from({ length: CASELOAD_LIMITS.finished }, (_, i) => [`case-withdrawn-${String(99 - i).padStart(4, '0')}`, 'received']),
    );
    const member = await group(PEOPLE.psychiatryMember);
    expect(member.totals).toEqual({ named: 51, responsible: 50 });
    expect(member.caseload.finished).toHaveLength(CASELOAD_LIMITS.finished);
    expect(member.caseload.finished.every((r) => r.request.status === 'closed')).toBe(true);

    expect(calls.filter((name) => !['listByOwner', 'listByParticipant', 'listOpenByUnit', 'listFinishedByUnit'].includes(name))).toEqual([]);
    for (const personId of [PEOPLE.worker, PEOPLE.supervisor, PEOPLE.psychiatryLead, PEOPLE.psychiatryMember]) {
      const card = caseloadCard(p_fi, await list(personId), personId);
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    }
  });

  it('keeps the card within what Teams takes for someone who holds every part in full, in every language', () => {
    const open = (i: number) => requestAt('routed', { id: `case-open-${String(i).padStart(40, '0')}`, reference: `YT-2026-${10000 + i}` });
    const full = Array.from({ length: CASELOAD_LIMITS.perGroup }, (_, i) => open(i));
    const caseload = {
      drafts: Array.from({ length: CASELOAD_LIMITS.perGroup }, (_, i) => requestAt('draft', { id: `draft-${String(i).padStart(40, '0')}` })),
      draftsTotal: 50,
      groups: CASELOAD_ROLES.map((role) => ({ role, rows: full.map((request) => ({ request, role, unitId: 'lastenpsykiatria' })), total: 50 })),
      finished: Array.from({ length: CASELOAD_LIMITS.finished }, (_, i) => ({ request: requestAt('closed', { id: `closed-${i}`, reference: `YT-2026-${20000 + i}` }), role: 'sent' as const })),
    };
    for (const locale of LOCALES) {
      const card = caseloadCard({ t: translator(locale), locale, directory }, caseload, PEOPLE.worker);
      expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    }
  });
});
