import type { AuditLog, Clock, DirectoryProvider, IdGenerator, ReferenceSequence, RequestLocks, RequestRepository } from '../ports.js';

export interface IntakeDeps {
  readonly requests: RequestRepository;
  readonly references: ReferenceSequence;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly directory: DirectoryProvider;
  readonly locks: RequestLocks;
}
