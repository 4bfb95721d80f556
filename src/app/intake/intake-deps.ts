import type { AuditLog, Clock, DirectoryProvider, EffectQueue, IdGenerator, ReferenceSequence, RequestLocks, RequestRepository } from '../ports.js';

export interface IntakeDeps {
  readonly requests: RequestRepository;
  readonly references: ReferenceSequence;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly directory: DirectoryProvider;
  readonly locks: RequestLocks;
  readonly effects: EffectQueue;
}

/** Who acts: the Teams user as the connector asserts them; roles come from the directory. */
export interface Actor {
  readonly id: string;
  readonly name?: string | undefined;
}
