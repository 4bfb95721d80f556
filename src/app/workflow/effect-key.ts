import type { CollaborationRequest } from '../../domain/collaboration/request.js';
import type { Effect, QueuedEffect } from '../effect.js';
import type { WorkflowDeps } from './workflow-deps.js';

/** One effect per step and stored version: a retried click or job never queues a step twice. */
export function effectKey(step: string, request: CollaborationRequest): string {
  return `${step}-${request.id}-v${request.version}`;
}

/** An effect to run at once, keyed by the step and the version it follows. */
export function stepEffect(step: string, request: CollaborationRequest, effect: Effect): QueuedEffect {
  return { effect, key: effectKey(step, request) };
}

/** Proposals asked for after this step: the ask names itself, so the proposals it brings say which ask they answer. */
export function proposalsNeeded(step: string, request: CollaborationRequest): QueuedEffect {
  const key = effectKey(step, request);
  return { effect: { kind: 'meeting_needed', requestId: request.id, round: key }, key };
}

/** A job's follow-on effects; a job is retried until this has queued them all. */
export async function enqueueAll(deps: Pick<WorkflowDeps, 'effects'>, entries: readonly (QueuedEffect | undefined)[]): Promise<void> {
  for (const entry of entries) if (entry) await deps.effects.enqueue(entry);
}
