import type { CollaborationRequest } from '../../domain/collaboration/request.js';

/** One effect per step and stored version: a retried click or job never queues a step twice. */
export function effectKey(step: string, request: CollaborationRequest): string {
  return `${step}-${request.id}-v${request.version}`;
}
