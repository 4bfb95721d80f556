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

/**
 * One decision at a time per request: under the request's lock the decision reads the current
 * state, so of two simultaneous clicks exactly one changes the request and the other learns who
 * was first. A refused attempt by someone without the right is audit-logged.
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
  const outcome = await deps.locks.withLock(requestId, async (): Promise<Result<StoredRequest, WorkflowError>> => {
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
    // Intake writes outside this lock (draft saves); a changed version means the decision was taken on stale state.
    const entry = { at, actorId: actor.id, action: step.action, requestId, reference: next.request.reference, status: next.request.status, unitId: step.unitId };
    const effects = (step.effects?.(next) ?? []).filter((e): e is QueuedEffect => e !== undefined);
    // The decision, its audit entry and its effects are one write: a process dying in between cannot keep one without the others.
    if ((await deps.requests.update(next, current.request.version, entry, effects)) !== 'written') return err({ code: 'request.busy' });
    return ok(next);
  });
  return outcome ?? err({ code: 'request.busy' });
}
