import { isFinished, type CollaborationRequest } from '../../domain/collaboration/request.js';
import { mayApprove } from '../../domain/privacy/access-policy.js';
import type { UnitDirectory } from '../../domain/units/unit-directory.js';
import type { DirectoryProvider, RequestRepository } from '../ports.js';

/** The parts a person can have in a case, in the order their list shows them. */
export const CASELOAD_ROLES = ['sent', 'approval', 'sending', 'received', 'named', 'responsible'] as const;
export type CaseloadRole = (typeof CASELOAD_ROLES)[number];

export interface CaseloadRow {
  readonly request: CollaborationRequest;
  readonly role: CaseloadRole;
  /** The unit the person has the role for: the sending or receiving unit they lead, or the one they were named for. */
  readonly unitId?: string | undefined;
}

export interface CaseloadGroup {
  readonly role: CaseloadRole;
  /** Newest change first; `total` says how many there are in all when the list shows fewer. */
  readonly rows: readonly CaseloadRow[];
  readonly total: number;
}

export interface Caseload {
  /** The person's own unsent drafts, newest change first. */
  readonly drafts: readonly CollaborationRequest[];
  readonly draftsTotal: number;
  /** Only roles the person holds in some open case, in `CASELOAD_ROLES` order. */
  readonly groups: readonly CaseloadGroup[];
  /** Closed or withdrawn cases still within retention, each once, under the person's first role in it. */
  readonly finished: readonly CaseloadRow[];
}

export interface CaseloadLimits {
  /** Rows shown per group; the rest are counted. */
  readonly perGroup: number;
  /** The newest closed or withdrawn cases read and shown. */
  readonly finished: number;
}

/** Sized so the card stays within the card budget (CARD_BUDGET_BYTES, 24 KB) with every group full, in every language. */
export const CASELOAD_LIMITS: CaseloadLimits = { perGroup: 5, finished: 8 };

export type ListCaseload = (personId: string, limits?: CaseloadLimits) => Promise<Caseload>;

/**
 * Every case a person is part of, grouped by their part in it. Read from indexes only, never by
 * scanning requests: the person's own index (sender, named worker, omatyöntekijä), the open
 * indexes of the units they approve for or lead (waiting approvals, what their unit sent once
 * approved, what their unit received), and the newest ended cases of those units.
 * A case shows in each group the person has a part in, at most once in each.
 */
export function makeListCaseload(deps: { readonly requests: RequestRepository; readonly directory: DirectoryProvider }): ListCaseload {
  return async (personId, limits = CASELOAD_LIMITS) => {
    const directory = deps.directory.current();
    const unitIds = unitsToRead(directory, personId);
    const [own, mine, byUnit, finishedByUnit] = await Promise.all([
      deps.requests.listByOwner(personId),
      deps.requests.listByParticipant(personId, limits.finished),
      Promise.all(unitIds.map((unitId) => deps.requests.listOpenByUnit(unitId))),
      // An escalation approver's unit too: a case they approved ends under "Päättyneet" for them.
      Promise.all(unitIds.map((unitId) => deps.requests.listFinishedByUnit(unitId, limits.finished))),
    ]);
    const open = new Map<string, CollaborationRequest>();
    for (const request of [...mine.open, ...byUnit.flat()]) if (!isFinished(request) && !open.has(request.id)) open.set(request.id, request);
    const rows = [...open.values()].flatMap((request) => rowsOf(directory, personId, request));
    const groups = CASELOAD_ROLES.flatMap((role) => {
      // What waits for the person's approval or their unit shows the longest waiting first: an
      // old request nobody acted on must not sink below newer ones out of the card's rows.
      const inGroup = rows.filter((row) => row.role === role);
      const all = role === 'approval' || role === 'received' ? longestWaitingFirst(inGroup) : newestFirst(inGroup);
      return all.length > 0 ? [{ role, rows: all.slice(0, limits.perGroup), total: all.length }] : [];
    });
    const ended = new Map<string, CollaborationRequest>();
    for (const request of [...mine.finished, ...finishedByUnit.flat()]) if (isFinished(request) && !ended.has(request.id)) ended.set(request.id, request);
    const finished = newestFirst(
      [...ended.values()].flatMap((request) => {
        const [first] = rowsOf(directory, personId, request);
        return first ? [first] : [];
      }),
    ).slice(0, limits.finished);
    const drafts = own.filter((request) => request.status === 'draft');
    return { drafts: drafts.slice(0, limits.perGroup), draftsTotal: drafts.length, groups, finished };
  };
}

/** The units whose open cases can hold a part for the person: those they lead or approve for as escalation. */
function unitsToRead(directory: UnitDirectory, personId: string): string[] {
  const led = directory.unitsLedBy(personId).map((u) => u.id);
  const escalated = directory.unitsEscalatedTo(personId).map((u) => u.id);
  return [...new Set([...led, ...escalated])];
}

/** The person's parts in a case, one row per part; none if they have no part in it. */
export function rowsOf(directory: UnitDirectory, personId: string, request: CollaborationRequest): CaseloadRow[] {
  if (request.status === 'draft') return [];
  const rows: CaseloadRow[] = [];
  if (request.ownerId === personId) rows.push({ request, role: 'sent' });
  if (request.status === 'submitted' && mayApprove(directory, personId, request)) rows.push({ request, role: 'approval' });
  // Once approved the case leaves "waiting for my approval", and its unit's lead still answers for
  // it (closes it, decides on another unit's proposal): it stays in sight as what their unit sent.
  if (request.decision?.kind === 'approved' && mayApprove(directory, personId, request)) rows.push({ request, role: 'sending', unitId: request.sendingUnitId });
  const led = request.units.find((u) => directory.isSupervisorOrDeputy(personId, u.unitId));
  if (led) rows.push({ request, role: 'received', unitId: led.unitId });
  const named = request.units.find((u) => u.namedWorkerId === personId);
  if (named) rows.push({ request, role: 'named', unitId: named.unitId });
  if (request.responsibleWorkerId === personId) rows.push({ request, role: 'responsible' });
  return rows;
}

const newestFirst = (rows: readonly CaseloadRow[]) => [...rows].sort((a, b) => Date.parse(b.request.updatedAt) - Date.parse(a.request.updatedAt));
const longestWaitingFirst = (rows: readonly CaseloadRow[]) => [...rows].sort((a, b) => Date.parse(a.request.updatedAt) - Date.parse(b.request.updatedAt));
