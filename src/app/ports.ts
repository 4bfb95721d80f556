import type { DescriptionDraft } from '../domain/collaboration/description.js';
import type { CollaborationRequest } from '../domain/collaboration/request.js';
import type { Locale } from '../domain/locale.js';
import type { UnitDirectory } from '../domain/units/unit-directory.js';

/** A request with its description, as the use cases see it: decrypted, in memory only. */
export interface StoredRequest {
  readonly request: CollaborationRequest;
  readonly description: DescriptionDraft;
}

export type WriteOutcome = 'written' | 'conflict' | 'not_found';

export interface RequestRepository {
  /** Writes version 1; 'conflict' when the id is taken. */
  create(stored: StoredRequest): Promise<Exclude<WriteOutcome, 'not_found'>>;
  get(id: string): Promise<StoredRequest | undefined>;
  /** Writes only if the stored version is still `expectedVersion`, so no change is overwritten unseen. */
  update(stored: StoredRequest, expectedVersion: number): Promise<WriteOutcome>;
  remove(id: string, expectedVersion: number): Promise<WriteOutcome>;
  /** Newest change first; metadata only, so listing never decrypts a description. */
  listByOwner(ownerId: string): Promise<CollaborationRequest[]>;
}

export interface ReferenceSequence {
  /** The next number of the year's YT-YYYY-NNNN series; never returns the same number twice. */
  next(year: number): Promise<number>;
}

export type AuditAction =
  | 'request.created'
  | 'request.updated'
  | 'request.read'
  | 'request.submitted'
  | 'request.deleted'
  | 'request.access_denied';

/** Who did what to which request and when; by construction it has no field for description text. */
export interface AuditEntry {
  readonly at: string;
  readonly actorId: string;
  readonly action: AuditAction;
  readonly requestId: string;
  readonly reference?: string | undefined;
  readonly status?: string | undefined;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  requestId(): string;
}

/** The unit directory as it is now; a file edit may replace it between two calls. */
export interface DirectoryProvider {
  current(): UnitDirectory;
}

export interface UserPreferences {
  locale(userId: string): Promise<Locale | undefined>;
  setLocale(userId: string, locale: Locale): Promise<void>;
}

/** Remembers which inbound activities were handled, so a redelivered one is not handled twice. */
export interface ActivityDeduplicator {
  firstTime(conversationId: string, activityId: string): Promise<boolean>;
}

/**
 * A short exclusive hold on one request across instances, for steps that must not run twice
 * at once (a double click on send would otherwise draw two references).
 */
export interface RequestLocks {
  /** Runs `work` while holding the request; resolves to undefined if the hold was not had in time. */
  withLock<T>(requestId: string, work: () => Promise<T>): Promise<T | undefined>;
}
