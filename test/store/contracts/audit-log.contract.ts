import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditLog, AuditTrail } from '../../../src/app/ports.js';

/** The log appends and reads one request's trail; reading the whole log back is the store's own, for the exporter. */
export type ReadableAuditLog = AuditLog & AuditTrail & { entries(): Promise<AuditEntry[]> };

const entry = (actorId: string, action: AuditEntry['action'] = 'request.read', requestId = 'r1'): AuditEntry => ({
  at: '2026-11-24T10:00:00.000Z',
  actorId,
  action,
  requestId,
});

export function describeAuditLogContract(name: string, make: () => ReadableAuditLog): void {
  describe(`audit log contract (${name})`, () => {
    it('keeps entries in the order they were recorded', async () => {
      const log = make();
      for (const actor of ['first', 'second', 'third']) await log.record(entry(actor));
      expect((await log.entries()).map((e) => e.actorId)).toEqual(['first', 'second', 'third']);
    });

    it('keeps every entry of simultaneous records', async () => {
      const log = make();
      const actors = Array.from({ length: 20 }, (_, i) => `actor-${i}`);
      await Promise.all(actors.map((actor) => log.record(entry(actor))));
      expect((await log.entries()).map((e) => e.actorId).sort()).toEqual([...actors].sort());
    });

    it('reads a disclosure back with its six points, and leaves out fields given as undefined', async () => {
      const log = make();
      const disclosure: AuditEntry = {
        ...entry('lead', 'request.disclosed'),
        reference: 'YT-2026-0001',
        status: undefined,
        fromUnit: 'perhesosiaalityo',
        recipient: 'worker-b',
        requestedBy: 'worker-b',
        basis: 'consent',
        purpose: 'network meeting',
      };
      await log.record(disclosure);
      const [read] = await log.entries();
      expect(read).toEqual(disclosure);
      expect(Object.keys(read ?? {})).not.toContain('status');
    });

    it("reads one request's trail oldest first, and nothing of another request's", async () => {
      const log = make();
      await log.record(entry('first', 'request.read', 'r1'));
      await log.record(entry('other', 'request.read', 'r2'));
      await log.record(entry('second', 'request.approved', 'r1'));
      expect((await log.entriesFor('r1')).map((e) => [e.actorId, e.action])).toEqual([
        ['first', 'request.read'],
        ['second', 'request.approved'],
      ]);
      expect((await log.entriesFor('r2')).map((e) => e.actorId)).toEqual(['other']);
      expect(await log.entriesFor('r3')).toEqual([]);
    });

    it("keeps a channel disclosure's members with it", async () => {
      const log = make();
      const disclosure: AuditEntry = { ...entry('lead', 'request.disclosed'), recipient: 'channel:19:c', channelMembers: 'member-a,member-b' };
      await log.record(disclosure);
      expect(await log.entriesFor('r1')).toEqual([disclosure]);
    });
  });
}
