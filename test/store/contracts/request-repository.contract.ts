import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditTrail, RequestRepository, StoredRequest } from '../../../src/app/ports.js';
import type { CollaborationRequest } from '../../../src/domain/collaboration/request.js';

export function storedRequest(id: string, version: number, updatedAt: string, ownerId = 'owner-a', text = 'Kuvaus.'): StoredRequest {
  return {
    request: {
      id,
      version,
      status: 'draft',
      ownerId,
      collaborationUnitIds: [],
      consentRecorded: false,
      needConfirmedInTeam: false,
      createdAt: updatedAt,
      updatedAt,
      units: [],
    },
    description: {
      texts: { senderContact: '', wantedServices: text, receivedServices: '', whatWorked: '', assessmentHighlights: '' },
      confirmedNameHints: [],
      pendingNameHints: [],
    },
  };
}

const DAY_MS = 24 * 3600 * 1000;

const sent = (stored: StoredRequest, change: Partial<CollaborationRequest>): StoredRequest => ({
  ...stored,
  request: { ...stored.request, status: 'submitted', sendingUnitId: 'u1', collaborationUnitIds: ['u2'], ...change },
});

const ids = (requests: readonly CollaborationRequest[]) => requests.map((r) => r.id);

/** A repository, and the audit log its updates append to beside the requests. */
export interface RequestStore {
  readonly repo: RequestRepository;
  readonly log: AuditTrail & { entries(): Promise<AuditEntry[]> };
}

export function describeRequestRepositoryContract(name: string, make: () => RequestStore): void {
  describe(`request repository contract (${name})`, () => {
    it('reads back what it wrote, description included', async () => {
      const { repo } = make();
      await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
      expect(await repo.get('r1')).toEqual(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
      expect(await repo.get('r2')).toBeUndefined();
    });

    it('refuses a second create with the same id, also when both come at once', async () => {
      const { repo } = make();
      const outcomes = await Promise.all([1, 2].map((n) => repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z', 'owner-a', `Kuvaus ${n}`))));
      expect(outcomes.sort()).toEqual(['conflict', 'written']);
      expect(await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'))).toBe('conflict');
    });

    it('writes a change only over the version it read', async () => {
      const { repo } = make();
      await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
      expect(await repo.update(storedRequest('r1', 2, '2026-11-24T10:01:00.000Z', 'owner-a', 'A'), 1)).toBe('written');
      expect(await repo.update(storedRequest('r1', 2, '2026-11-24T10:02:00.000Z', 'owner-a', 'B'), 1)).toBe('conflict');
      expect((await repo.get('r1'))?.description.texts.wantedServices).toBe('A');
    });

    it('lets exactly one of two simultaneous changes over the same version through', async () => {
      const { repo } = make();
      await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
      const texts = ['A', 'B'];
      const outcomes = await Promise.all(texts.map((t) => repo.update(storedRequest('r1', 2, '2026-11-24T10:01:00.000Z', 'owner-a', t), 1)));
      expect([...outcomes].sort()).toEqual(['conflict', 'written']);
      expect((await repo.get('r1'))?.description.texts.wantedServices).toBe(texts[outcomes.indexOf('written')]);
    });

    it('says not_found for a change to a missing request', async () => {
      const { repo } = make();
      expect(await repo.update(storedRequest('nope', 2, '2026-11-24T10:00:00.000Z'), 1)).toBe('not_found');
      expect(await repo.remove('nope', 1)).toBe('not_found');
    });

    it('removes only the version it read, and the lists forget it', async () => {
      const { repo } = make();
      await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
      await repo.update(sent(storedRequest('r1', 2, '2026-11-24T10:01:00.000Z'), { submittedAt: '2026-11-24T10:01:00.000Z' }), 1);
      expect(await repo.monthFigures(['u1'], ['2026-11'])).toEqual([[{ sent: 1 }]]);
      expect(await repo.remove('r1', 1)).toBe('conflict');
      expect(await repo.remove('r1', 2)).toBe('written');
      expect(await repo.get('r1')).toBeUndefined();
      expect(await repo.listByOwner('owner-a')).toEqual([]);
      expect(await repo.listOpenByUnit('u2')).toEqual([]);
      expect(await repo.monthFigures(['u1'], ['2026-11'])).toEqual([[{}]]);
    });

    it("appends an update's audit entry with it, and none when the update is refused", async () => {
      const { repo, log } = make();
      await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
      const entry: AuditEntry = { at: '2026-11-24T11:00:00.000Z', actorId: 'lead', action: 'request.approved', requestId: 'r1', status: 'approved' };
      expect(await repo.update(storedRequest('r1', 2, '2026-11-24T11:00:00.000Z'), 1, entry)).toBe('written');
      expect(await repo.update(storedRequest('r1', 3, '2026-11-24T11:00:00.000Z'), 1, { ...entry, actorId: 'late' })).toBe('conflict');
      expect(await repo.update(storedRequest('r9', 2, '2026-11-24T11:00:00.000Z'), 1, { ...entry, actorId: 'lost' })).toBe('not_found');
      expect(await log.entries()).toEqual([entry]);
      expect(await log.entriesFor('r1')).toEqual([entry]);
    });

    it('finds a sent request by the reference it drew, and nothing by a reference never drawn', async () => {
      const { repo } = make();
      await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
      expect(await repo.findByReference('YT-2026-0001')).toBeUndefined();
      await repo.update(sent(storedRequest('r1', 2, '2026-11-24T10:01:00.000Z'), { reference: 'YT-2026-0001' }), 1);
      await repo.create(storedRequest('r2', 1, '2026-11-24T10:02:00.000Z'));
      await repo.update(sent(storedRequest('r2', 2, '2026-11-24T10:03:00.000Z'), { reference: 'YT-2026-0002' }), 1);
      expect((await repo.findByReference('YT-2026-0001'))?.id).toBe('r1');
      expect((await repo.findByReference('YT-2026-0002'))?.status).toBe('submitted');
      expect(await repo.findByReference('YT-2026-0003')).toBeUndefined();
    });

    it('forgets a reference with the request that drew it', async () => {
      const { repo } = make();
      await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
      await repo.update(sent(storedRequest('r1', 2, '2026-11-24T10:01:00.000Z'), { reference: 'YT-2026-0001' }), 1);
      expect(await repo.remove('r1', 2)).toBe('written');
      expect(await repo.findByReference('YT-2026-0001')).toBeUndefined();
    });

    it('lists open sent requests by every unit involved, never drafts', async () => {
      const { repo } = make();
      await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
      await repo.update(sent(storedRequest('r1', 2, '2026-11-24T10:01:00.000Z'), { status: 'draft' }), 1);
      expect(await repo.listOpenByUnit('u2')).toEqual([]);
      await repo.update(sent(storedRequest('r1', 3, '2026-11-24T10:02:00.000Z'), {}), 2);
      expect(ids(await repo.listOpenByUnit('u1'))).toEqual(['r1']);
      expect(ids(await repo.listOpenByUnit('u2'))).toEqual(['r1']);
      expect(await repo.listOpenByUnit('u3')).toEqual([]);
    });

    it("keeps an approved case in its sending unit's open list through every step, and in its ended list once closed", async () => {
      const { repo } = make();
      await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
      let version = 1;
      for (const status of ['submitted', 'approved', 'routed', 'meeting_proposed', 'booked', 'follow_up'] as const) {
        await repo.update(sent(storedRequest('r1', version + 1, '2026-11-24T10:01:00.000Z'), { status }), version);
        version += 1;
        expect(ids(await repo.listOpenByUnit('u1'))).toEqual(['r1']);
      }
      await repo.update(sent(storedRequest('r1', version + 1, '2026-11-24T10:02:00.000Z'), { status: 'closed' }), version);
      expect(await repo.listOpenByUnit('u1')).toEqual([]);
      expect(ids(await repo.listFinishedByUnit('u1', 8))).toEqual(['r1']);
    });

    it('stops listing a request under a unit that another unit replaced, and moves its figures with it', async () => {
      const { repo } = make();
      const approved = { submittedAt: '2026-11-24T10:01:00.000Z', status: 'routed' as const, decision: { kind: 'approved' as const, by: 'lead', at: '2026-11-25T10:01:00.000Z' } };
      await repo.create(storedRequest('r1', 1, '2026-11-24T10:00:00.000Z'));
      await repo.update(sent(storedRequest('r1', 2, '2026-11-24T10:01:00.000Z'), { ...approved, units: [{ unitId: 'u2', status: 'awaiting_acknowledgement' }] }), 1);
      expect(await repo.monthFigures(['u2', 'u3'], ['2026-11'])).toEqual([[{ received: 1, 'received.approval.ms': DAY_MS, 'received.approval.n': 1 }], [{}]]);
      await repo.update(
        sent(storedRequest('r1', 3, '2026-11-24T10:02:00.000Z'), { ...approved, collaborationUnitIds: ['u3'], units: [{ unitId: 'u3', status: 'awaiting_acknowledgement' }] }),
        2,
      );
      expect(await repo.listOpenByUnit('u2')).toEqual([]);
      expect(ids(await repo.listOpenByUnit('u3'))).toEqual(['r1']);
      expect(await repo.monthFigures(['u2', 'u3'], ['2026-11'])).toEqual([[{}], [{ received: 1, 'received.approval.ms': DAY_MS, 'received.approval.n': 1 }]]);
    });

    it('stops listing a closed or withdrawn request as open, and keeps counting it', async () => {
      const { repo } = make();
      for (const [id, status] of [['r1', 'closed'], ['r2', 'withdrawn'], ['r3', 'held']] as const) {
        await repo.create(storedRequest(id, 1, '2026-11-24T10:00:00.000Z'));
        await repo.update(sent(storedRequest(id, 2, '2026-11-24T10:01:00.000Z'), { submittedAt: '2026-11-24T10:01:00.000Z' }), 1);
        await repo.update(sent(storedRequest(id, 3, '2026-11-24T10:02:00.000Z'), { submittedAt: '2026-11-24T10:01:00.000Z', status }), 2);
      }
      expect(ids(await repo.listOpenByUnit('u2'))).toEqual(['r3']);
      expect(await repo.monthFigures(['u1'], ['2026-11'])).toEqual([[{ sent: 3 }]]);
    });

    it('keeps the figures of a request whose description is purged', async () => {
      const { repo } = make();
      const closed = {
        status: 'closed' as const,
        submittedAt: '2026-11-02T08:00:00.000Z',
        decision: { kind: 'approved' as const, by: 'lead', at: '2026-11-03T08:00:00.000Z' },
        units: [{ unitId: 'u2', status: 'worker_named' as const, named: { by: 'lead', at: '2026-11-05T08:00:00.000Z' }, namedWorkerId: 'w' }],
        outcomes: [{ generation: 1, date: '2026-11-18', consent: 'given' as const, recordedBy: 'w', recordedAt: '2026-11-18T12:00:00.000Z', attendeeIds: ['a', 'w'], clientPresence: 'remote' as const }],
      };
      await repo.create(sent(storedRequest('r1', 1, '2026-11-20T10:00:00.000Z'), closed));
      const before = await repo.monthFigures(['u1', 'u2'], ['2026-11']);
      expect(before[0]?.[0]).toMatchObject({ sent: 1, meetingsHeld: 1, asked: 2, 'sent.named.ms': 3 * DAY_MS, 'sent.meeting.days': 16 });
      await repo.update(sent(storedRequest('r1', 2, '2026-12-20T10:00:00.000Z', 'owner-a', ''), { ...closed, purgedAt: '2026-12-20T10:00:00.000Z' }), 1);
      expect(await repo.monthFigures(['u1', 'u2'], ['2026-11'])).toEqual(before);
    });

    it('counts a request in the county months of its sending, its approval and each meeting, and in no other', async () => {
      const { repo } = make();
      await repo.create(storedRequest('r1', 1, '2026-09-30T20:00:00.000Z'));
      await repo.update(
        sent(storedRequest('r1', 2, '2026-12-01T10:00:00.000Z'), {
          status: 'held',
          // 01:30 on 1 October in Helsinki: October's request, though UTC still says September.
          submittedAt: '2026-09-30T22:30:00.000Z',
          decision: { kind: 'approved', by: 'lead', at: '2026-11-02T08:00:00.000Z' },
          units: [{ unitId: 'u2', status: 'awaiting_acknowledgement' }],
          outcomes: [{ generation: 1, date: '2027-01-13', consent: 'given', recordedBy: 'w', recordedAt: '2027-01-13T12:00:00.000Z', attendeeIds: [], clientPresence: 'absent' }],
        }),
        1,
      );
      const months = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];
      const [sender, receiver, other] = await repo.monthFigures(['u1', 'u2', 'u3'], months);
      const counted = (rows: readonly object[] | undefined) => months.filter((_, i) => Object.keys(rows?.[i] ?? {}).length > 0);
      expect(counted(sender)).toEqual(['2026-10', '2027-01']);
      expect(counted(receiver)).toEqual(['2026-11', '2027-01']);
      expect(counted(other)).toEqual([]);
      expect(sender?.[1]).toMatchObject({ sent: 1, 'sent.meeting.days': 104, 'sent.meeting.n': 1 });
      expect(receiver?.[4]).toEqual({ meetingsHeld: 1, asked: 1 });
    });

    it('moves a request returned and sent again out of the month it was first sent in', async () => {
      const { repo } = make();
      await repo.create(storedRequest('r1', 1, '2026-10-05T10:00:00.000Z'));
      const first = { submittedAt: '2026-10-05T10:00:00.000Z' };
      await repo.update(sent(storedRequest('r1', 2, '2026-10-05T10:00:00.000Z'), first), 1);
      await repo.update(sent(storedRequest('r1', 3, '2026-10-06T10:00:00.000Z'), { ...first, status: 'returned', decision: { kind: 'returned', by: 'lead', at: '2026-10-06T10:00:00.000Z' } }), 2);
      await repo.update(sent(storedRequest('r1', 4, '2026-11-03T10:00:00.000Z'), { submittedAt: '2026-11-03T10:00:00.000Z' }), 3);
      expect(await repo.monthFigures(['u1'], ['2026-10', '2026-11'])).toEqual([[{}, { sent: 1 }]]);
    });

    it("lists every one of a unit's open requests and counts every one of its month, not a page of them", async () => {
      const { repo } = make();
      const many = Array.from({ length: 260 }, (_, i) => `r${String(i).padStart(3, '0')}`);
      await Promise.all(
        many.map(async (id, i) => {
          const at = new Date(Date.parse('2026-11-02T08:00:00.000Z') + i * 60_000).toISOString();
          await repo.create(sent(storedRequest(id, 1, at), { submittedAt: at }));
        }),
      );
      expect(ids(await repo.listOpenByUnit('u2'))).toEqual([...many].reverse());
      expect(await repo.monthFigures(['u1'], ['2026-11'])).toEqual([[{ sent: 260 }]]);
    });

    it('reads no figures for no units, and none for no months', async () => {
      const { repo } = make();
      await repo.create(sent(storedRequest('r1', 1, '2026-11-02T08:00:00.000Z'), { submittedAt: '2026-11-02T08:00:00.000Z' }));
      expect(await repo.monthFigures([], ['2026-11'])).toEqual([]);
      expect(await repo.monthFigures(['u1'], [])).toEqual([[]]);
    });

    it("lists an owner's requests newest change first, and nobody else's", async () => {
      const { repo } = make();
      await repo.create(storedRequest('old', 1, '2026-11-20T10:00:00.000Z'));
      await repo.create(storedRequest('new', 1, '2026-11-23T10:00:00.000Z'));
      await repo.create(storedRequest('theirs', 1, '2026-11-24T10:00:00.000Z', 'owner-b'));
      await repo.update(storedRequest('old', 2, '2026-11-24T09:00:00.000Z'), 1);
      expect(ids(await repo.listByOwner('owner-a'))).toEqual(['old', 'new']);
    });

    it("lists a unit's open requests newest change first", async () => {
      const { repo } = make();
      for (const [id, at] of [['a', '2026-11-20T10:00:00.000Z'], ['b', '2026-11-22T10:00:00.000Z'], ['c', '2026-11-21T10:00:00.000Z']] as const) {
        await repo.create(storedRequest(id, 1, at));
        await repo.update(sent(storedRequest(id, 2, at), {}), 1);
      }
      expect(ids(await repo.listOpenByUnit('u2'))).toEqual(['b', 'c', 'a']);
    });
    describe('per-person caseload index', () => {
      const at = (minute: number) => `2026-11-24T10:${String(minute).padStart(2, '0')}:00.000Z`;
      const named = (workerId: string) => [{ unitId: 'u2', status: 'worker_named' as const, namedWorkerId: workerId }];
      const caseload = async (repo: RequestRepository, personId: string, limit = 20) => {
        const { open, finished } = await repo.listByParticipant(personId, limit);
        return { open: ids(open), finished: ids(finished) };
      };

      it('lists a sent request for its sender, never a draft, and nobody else', async () => {
        const { repo } = make();
        await repo.create(storedRequest('draft', 1, at(0)));
        await repo.create(storedRequest('r1', 1, at(1)));
        expect(await caseload(repo, 'owner-a')).toEqual({ open: [], finished: [] });
        await repo.update(sent(storedRequest('r1', 2, at(2)), {}), 1);
        expect(await caseload(repo, 'owner-a')).toEqual({ open: ['r1'], finished: [] });
        expect(await caseload(repo, 'owner-b')).toEqual({ open: [], finished: [] });
      });

      it('lists the named worker and the omatyöntekijä from the write that names them, and forgets a replaced one', async () => {
        const { repo } = make();
        await repo.create(sent(storedRequest('r1', 1, at(0)), { status: 'routed', units: named('w1') }));
        expect(await caseload(repo, 'w1')).toEqual({ open: ['r1'], finished: [] });
        await repo.update(sent(storedRequest('r1', 2, at(1)), { status: 'follow_up', units: named('w2'), responsibleWorkerId: 'omat' }), 1);
        expect(await caseload(repo, 'w1')).toEqual({ open: [], finished: [] });
        expect(await caseload(repo, 'w2')).toEqual({ open: ['r1'], finished: [] });
        expect(await caseload(repo, 'omat')).toEqual({ open: ['r1'], finished: [] });
      });

      it('moves a withdrawn or closed request to the finished list of everyone in it, and drops it once purged', async () => {
        const { repo } = make();
        await repo.create(sent(storedRequest('w', 1, at(0)), { status: 'routed', units: named('w1') }));
        await repo.create(sent(storedRequest('c', 1, at(1)), { status: 'follow_up', units: named('w1'), responsibleWorkerId: 'omat' }));
        await repo.update(sent(storedRequest('w', 2, at(2)), { status: 'withdrawn', units: named('w1') }), 1);
        await repo.update(sent(storedRequest('c', 2, at(3)), { status: 'closed', units: named('w1'), responsibleWorkerId: 'omat' }), 1);
        expect(await caseload(repo, 'w1')).toEqual({ open: [], finished: ['c', 'w'] });
        expect(await caseload(repo, 'owner-a')).toEqual({ open: [], finished: ['c', 'w'] });
        expect(await caseload(repo, 'omat')).toEqual({ open: [], finished: ['c'] });
        await repo.update(sent(storedRequest('c', 3, at(4)), { status: 'closed', units: named('w1'), responsibleWorkerId: 'omat', purgedAt: at(4) }), 2);
        expect(await caseload(repo, 'omat')).toEqual({ open: [], finished: [] });
        expect(await caseload(repo, 'w1')).toEqual({ open: [], finished: ['w'] });
      });

      it('reads every open case but only the newest finished ones asked for, newest change first', async () => {
        const { repo } = make();
        for (let n = 0; n < 30; n++) {
          const id = `r${String(n).padStart(2, '0')}`;
          await repo.create(sent(storedRequest(id, 1, at(n)), { status: n % 3 === 0 ? 'routed' : 'closed' }));
        }
        const { open, finished } = await caseload(repo, 'owner-a', 5);
        expect(open).toEqual(['r27', 'r24', 'r21', 'r18', 'r15', 'r12', 'r09', 'r06', 'r03', 'r00']);
        expect(finished).toEqual(['r29', 'r28', 'r26', 'r25', 'r23']);
      });

      it("lists a unit's newest ended requests, sent or received, until they are purged", async () => {
        const { repo } = make();
        await repo.create(sent(storedRequest('open', 1, at(0)), { status: 'routed' }));
        for (const [id, minute] of [['old', 1], ['new', 3], ['mid', 2]] as const) await repo.create(sent(storedRequest(id, 1, at(minute)), { status: 'closed' }));
        expect(ids(await repo.listFinishedByUnit('u2', 2))).toEqual(['new', 'mid']);
        expect(ids(await repo.listFinishedByUnit('u1', 5))).toEqual(['new', 'mid', 'old']);
        expect(await repo.listFinishedByUnit('u2', 0)).toEqual([]);
        await repo.update(sent(storedRequest('new', 2, at(4)), { status: 'closed', purgedAt: at(4) }), 1);
        expect(ids(await repo.listFinishedByUnit('u2', 5))).toEqual(['mid', 'old']);
        expect(ids(await repo.listOpenByUnit('u2'))).toEqual(['open']);
      });

      it('forgets a removed request', async () => {
        const { repo } = make();
        await repo.create(sent(storedRequest('r1', 1, at(0)), {}));
        expect(await repo.remove('r1', 1)).toBe('written');
        expect(await caseload(repo, 'owner-a')).toEqual({ open: [], finished: [] });
      });
    });
  });
}
