import type { AuditEntry } from './audit.js';
import type { DescriptionDraft } from '../domain/collaboration/description.js';
import type { CollaborationRequest } from '../domain/collaboration/request.js';
import type { QueuedEffect } from './effect.js';
import type { MonthCounters } from '../domain/metrics/month-figures.js';

/** A request with its description, as the use cases see it: decrypted, in memory only. */
export interface StoredRequest {
  readonly request: CollaborationRequest;
  readonly description: DescriptionDraft;
}

export type WriteOutcome = 'written' | 'conflict' | 'not_found';

export interface ParticipantCases {
  readonly open: CollaborationRequest[];
  readonly finished: CollaborationRequest[];
}

export interface RequestRepository {
  /** Writes version 1 with its audit entry and effects, as `update` does; 'conflict' when the id is taken. */
  create(stored: StoredRequest, audit?: AuditEntry, effects?: readonly QueuedEffect[]): Promise<Exclude<WriteOutcome, 'not_found'>>;
  get(id: string): Promise<StoredRequest | undefined>;
  /**
   * Writes only if the stored version is still `expectedVersion`, so no change is overwritten unseen.
   * An audit entry given is appended in the same atomic step: a decision is never stored without its record.
   * Effects given are written to the outbox in that step too, and a relay queues them: a decision
   * is never stored without what it sets in motion, whatever dies when.
   */
  update(stored: StoredRequest, expectedVersion: number, audit?: AuditEntry, effects?: readonly QueuedEffect[]): Promise<WriteOutcome>;
  remove(id: string, expectedVersion: number): Promise<WriteOutcome>;
  /**
   * Newest change first; metadata only, so listing never decrypts a description. The newest
   * few hundred at most: it is a person's list to pick a case from, not a count.
   */
  listByOwner(ownerId: string): Promise<CollaborationRequest[]>;
  /**
   * The report counters of each unit's months (one row per unit id, one entry per month, in the
   * order asked), as every write of a request keeps them in its own atomic step
   * (`metricContributions`); a month nothing counted in is empty. Reads no request.
   */
  monthFigures(unitIds: readonly string[], months: readonly string[]): Promise<MonthCounters[][]>;
  /**
   * The sent requests a person is part of by name (their sender, a named worker, the omatyöntekijä):
   * every open one and the newest `finishedLimit` closed or withdrawn ones whose description is not
   * yet purged, each newest change first; metadata only. Read from per-person indexes kept in the
   * same atomic write as the request, never by scanning requests.
   */
  listByParticipant(personId: string, finishedLimit: number): Promise<ParticipantCases>;
  /** The newest `limit` closed or withdrawn requests the unit sent or received whose description is not yet purged, newest change first; metadata only. */
  listFinishedByUnit(unitId: string, limit: number): Promise<CollaborationRequest[]>;
  /** Every sent request the unit sends or receives that is not closed or withdrawn, newest change first; metadata only. */
  listOpenByUnit(unitId: string): Promise<CollaborationRequest[]>;
  /** The request that drew this reference (YT-2026-0001); metadata only. */
  findByReference(reference: string): Promise<CollaborationRequest | undefined>;
}

export interface ReferenceSequence {
  /** The next number of the year's YT-YYYY-NNNN series; never returns the same number twice. */
  next(year: number): Promise<number>;
}
