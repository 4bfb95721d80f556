import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { MessageLedger } from '../../../src/app/ports.js';

/** `make(retentionMs, leaseMs)`: a ledger that remembers a sent message for `retentionMs` and leases an attempt for `leaseMs`. */
export function describeMessageLedgerContract(name: string, make: (retentionMs: number, leaseMs: number) => MessageLedger): void {
  describe(`message ledger contract (${name})`, () => {
    it('holds a message begun by one run from a second run until the first run’s lease lapses, then lets it go again', async () => {
      const ledger = make(60_000, 150);
      expect(await ledger.begin('ack-r1-u1-1')).toMatchObject({ outcome: 'send' });
      const second = await ledger.begin('ack-r1-u1-1');
      expect(second.outcome).toBe('in_flight');
      expect(second.outcome === 'in_flight' && second.retryInMs).toBeGreaterThan(0);
      expect(second.outcome === 'in_flight' && second.retryInMs).toBeLessThanOrEqual(150);
      await sleep(200);
      // The first run died mid-send: the message is not lost.
      expect(await ledger.begin('ack-r1-u1-1')).toMatchObject({ outcome: 'send' });
    });

    it('keeps a second run waiting for as long as the first renews its lease, and lets it go once the renewals stop', async () => {
      const ledger = make(60_000, 150);
      const first = await ledger.begin('named-r1-u1-w1');
      if (first.outcome !== 'send') throw new Error(`begun: ${first.outcome}`);
      let lease: string | undefined = first.lease;
      for (let i = 0; i < 4; i++) {
        await sleep(100);
        lease = await ledger.renew('named-r1-u1-w1', lease ?? '');
        expect(lease).toBeDefined();
      }
      // 400 ms after the first run began, twice its lease: still its message.
      expect((await ledger.begin('named-r1-u1-w1')).outcome).toBe('in_flight');
      await sleep(200);
      expect((await ledger.begin('named-r1-u1-w1')).outcome).toBe('send');
    });

    it('refuses to renew a lease that lapsed and was taken by another run, or ended with the message sent', async () => {
      const ledger = make(60_000, 100);
      const first = await ledger.begin('named-r1-u1-w1');
      await sleep(150);
      const second = await ledger.begin('named-r1-u1-w1');
      expect(second.outcome).toBe('send');
      expect(await ledger.renew('named-r1-u1-w1', first.outcome === 'send' ? first.lease : '')).toBeUndefined();
      await ledger.markSent('named-r1-u1-w1');
      expect(await ledger.renew('named-r1-u1-w1', second.outcome === 'send' ? second.lease : '')).toBeUndefined();
      expect(await ledger.begin('named-r1-u1-w1')).toEqual({ outcome: 'already_sent' });
    });

    it('lets a released message go again at once, as after Teams refused it', async () => {
      const ledger = make(60_000, 60_000);
      await ledger.begin('ack-r1-u1-1');
      await ledger.release('ack-r1-u1-1');
      expect(await ledger.begin('ack-r1-u1-1')).toMatchObject({ outcome: 'send' });
    });

    it('answers already_sent for a message once it was marked sent, and only for that one', async () => {
      const ledger = make(60_000, 60_000);
      await ledger.begin('ack-r1-u1-1');
      await ledger.markSent('ack-r1-u1-1');
      expect(await ledger.begin('ack-r1-u1-1')).toEqual({ outcome: 'already_sent' });
      expect(await ledger.begin('ack-r1-u1-2')).toMatchObject({ outcome: 'send' });
    });

    it('forgets a sent message after the retention', async () => {
      const ledger = make(150, 60_000);
      await ledger.markSent('ack-r1-u1-1');
      expect(await ledger.begin('ack-r1-u1-1')).toEqual({ outcome: 'already_sent' });
      await sleep(200);
      expect(await ledger.begin('ack-r1-u1-1')).toMatchObject({ outcome: 'send' });
    });
  });
}
