import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { MessageLedger } from '../../../src/app/ports.js';

/** `make(retentionMs, leaseMs)`: a ledger that remembers a sent message for `retentionMs` and leases an attempt for `leaseMs`. */
export function describeMessageLedgerContract(name: string, make: (retentionMs: number, leaseMs: number) => MessageLedger): void {
  describe(`message ledger contract (${name})`, () => {
    it('holds a message begun by one run from a second run until the first run’s lease lapses, then lets it go again', async () => {
      const ledger = make(60_000, 150);
      expect(await ledger.begin('ack-r1-u1-1')).toEqual({ outcome: 'send' });
      const second = await ledger.begin('ack-r1-u1-1');
      expect(second.outcome).toBe('in_flight');
      expect(second.outcome === 'in_flight' && second.retryInMs).toBeGreaterThan(0);
      expect(second.outcome === 'in_flight' && second.retryInMs).toBeLessThanOrEqual(150);
      await sleep(200);
      // The first run died mid-send: the message is not lost.
      expect(await ledger.begin('ack-r1-u1-1')).toEqual({ outcome: 'send' });
    });

    it('lets a released message go again at once, as after Teams refused it', async () => {
      const ledger = make(60_000, 60_000);
      await ledger.begin('ack-r1-u1-1');
      await ledger.release('ack-r1-u1-1');
      expect(await ledger.begin('ack-r1-u1-1')).toEqual({ outcome: 'send' });
    });

    it('answers already_sent for a message once it was marked sent, and only for that one', async () => {
      const ledger = make(60_000, 60_000);
      await ledger.begin('ack-r1-u1-1');
      await ledger.markSent('ack-r1-u1-1');
      expect(await ledger.begin('ack-r1-u1-1')).toEqual({ outcome: 'already_sent' });
      expect(await ledger.begin('ack-r1-u1-2')).toEqual({ outcome: 'send' });
    });

    it('forgets a sent message after the retention', async () => {
      const ledger = make(150, 60_000);
      await ledger.markSent('ack-r1-u1-1');
      expect(await ledger.begin('ack-r1-u1-1')).toEqual({ outcome: 'already_sent' });
      await sleep(200);
      expect(await ledger.begin('ack-r1-u1-1')).toEqual({ outcome: 'send' });
    });
  });
}
