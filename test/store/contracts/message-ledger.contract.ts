import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { MessageLedger } from '../../../src/app/ports.js';

/** `make(retentionMs)`: a ledger that remembers a sent message for `retentionMs`. */
export function describeMessageLedgerContract(name: string, make: (retentionMs: number) => MessageLedger): void {
  describe(`message ledger contract (${name})`, () => {
    it('sends a message begun but never marked sent again, so a killed run loses nothing', async () => {
      const ledger = make(60_000);
      expect(await ledger.begin('ack-r1-u1-1')).toBe('send');
      expect(await ledger.begin('ack-r1-u1-1')).toBe('send');
    });

    it('answers already_sent for a message once it was marked sent, and only for that one', async () => {
      const ledger = make(60_000);
      await ledger.begin('ack-r1-u1-1');
      await ledger.markSent('ack-r1-u1-1');
      expect(await ledger.begin('ack-r1-u1-1')).toBe('already_sent');
      expect(await ledger.begin('ack-r1-u1-2')).toBe('send');
    });

    it('forgets a sent message after the retention', async () => {
      const ledger = make(150);
      await ledger.markSent('ack-r1-u1-1');
      expect(await ledger.begin('ack-r1-u1-1')).toBe('already_sent');
      await sleep(200);
      expect(await ledger.begin('ack-r1-u1-1')).toBe('send');
    });
  });
}
