import { err, ok, type Result } from '../../domain/result.js';
import type { QueuedEffect } from '../effect.js';
import type { Actor, AuditAction, StoredRequest } from '../ports.js';
import type { WorkflowDeps, WorkflowError } from './workflow-deps.js';

export interface DecisionStep {
  readonly action: AuditAction;
  readonly unitId?: string | undefined;
  /** Checks the actor's right and returns the changed request, or why not. */
  decide(stored: StoredRequest, at: string): Result<StoredRequest, WorkflowError> | Promise<Result<StoredRequest, WorkflowError>>;
  /** What the decision sets in motion, given the request as it will be stored; written with it. */
  effects?(decided: StoredRequest): readonly (QueuedEffect | undefined)[];
  /** The version the person saw when they confirmed: a request changed since is refused as stale. */
  readonly expectedVersion?: number | undefined;
  /** Only whether the step could be taken now: nothing is written (the first click of a step that asks to confirm). */
  readonly preview?: boolean | undefined;
  /**
   * The decision itself changes something outside the request's write (a slot reservation): it is
   * taken under the request's lock, which the steps that undo such changes take too, so neither
   * acts on a decision the other is halfway through.
   */
  readonly exclusive?: boolean | undefined;
}

/** How an irreversible step is taken: first previewed, then confirmed on the version the person saw. */
export interface StepOptions {
  readonly preview?: boolean | undefined;
  readonly expectedVersion?: number | undefined;
}

/** A refused attempt by someone without the right: who tried what, and when. */
export async function recordDenied(deps: Pick<WorkflowDeps, 'audit' | 'clock'>, actor: Actor, requestId: string, unitId?: string): Promise<void> {
  await deps.audit.record({ at: deps.clock.now().toISOString(), actorId: actor.id, action: 'request.access_denied', requestId, unitId });
}

/** How often a decision is taken again on the request as another writer left it, before it answers busy. */
const ATTEMPTS = 5;

/**
 * Of two simultaneous clicks exactly one changes the request and the other learns who was first:
 * the decision reads the current state and writes with a version check, and a write that finds
 * the version moved is decided again on the request as the other writer left it (which then
 * answers, say, `request.already_decided`). The read and the write are the decision's only round
 * trips; a step whose decision reaches outside the request's own write (`exclusive`) is taken
 * under the request's lock instead. A refused attempt by someone without the right is audit-logged.
 */
export async function applyDecision(
  deps: WorkflowDeps,
  actor: Actor,
  requestId: string,
  step: DecisionStep,
): Promise<Result<StoredRequest, WorkflowError>> {
  if (step.preview) {
    const current = await deps.requests.get(requestId);
    if (!current) return err({ code: 'request.not_found' });
    const decided = await step.decide(current, deps.clock.now().toISOString());
    if (!decided.ok && (decided.error.code === 'request.not_permitted' || decided.error.code === 'request.own_request')) await recordDenied(deps, actor, requestId, step.unitId);
    return decided.ok ? ok(current) : decided;
  }
  const attempts = async (): Promise<Result<StoredRequest, WorkflowError>> => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const outcome = await decideOnce(deps, actor, requestId, step);
      if (outcome !== 'conflict') return outcome;
    }
    return err({ code: 'request.busy' });
  };
  if (!step.exclusive) return attempts();
  return (await deps.locks.withLock(requestId, attempts)) ?? err({ code: 'request.busy' });
}

/** One read, one decision and one version-checked write; `conflict` when another writer came between. */
async function decideOnce(deps: WorkflowDeps, actor: Actor, requestId: string, step: DecisionStep): Promise<Result<StoredRequest, WorkflowError> | 'conflict'> {
  const current = await deps.requests.get(requestId);
  if (!current) return err({ code: 'request.not_found' });
  const at = deps.clock.now().toISOString();
  if (step.expectedVersion !== undefined && step.expectedVersion !== current.request.version) return err({ code: 'request.stale' });
  const decided = await step.decide(current, at);
  if (!decided.ok) {
    if (decided.error.code === 'request.not_permitted' || decided.error.code === 'request.own_request') await recordDenied(deps, actor, requestId, step.unitId);
    return decided;
  }
  const next: StoredRequest = { ...decided.value, request: { ...decided.value.request, version: current.request.version + 1 } };
  const entry = { at, actorId: actor.id, action: step.action, requestId, reference: next.request.reference, status: next.request.status, unitId: step.unitId };
  const effects = (step.effects?.(next) ?? []).filter((e): e is QueuedEffect => e !== undefined);
  // The decision, its audit entry and its effects are one write: a process dying in between cannot keep one without the others.
  const written = await deps.requests.update(next, current.request.version, entry, effects);
  if (written === 'not_found') return err({ code: 'request.not_found' });
  return written === 'written' ? ok(next) : 'conflict';
}
