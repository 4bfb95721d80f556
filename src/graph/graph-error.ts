import { GraphError as SdkGraphError } from '@microsoft/microsoft-graph-client';

/** Statuses a later attempt can get past: throttling, outages and gateway trouble. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Failures raised below the Graph client (token, network) reach the caller only as the SDK's
 * error with status -1 and our error's name as its code, so the name carries the meaning.
 */
export const LOCAL_FAILURES = {
  transport: { name: 'GraphTransportFailure', code: 'network', retryable: true },
  tokenRejected: { name: 'GraphTokenRejected', code: 'tokenRejected', retryable: false },
  tokenUnavailable: { name: 'GraphTokenUnavailable', code: 'tokenUnavailable', retryable: true },
} as const;

export type LocalFailure = keyof typeof LOCAL_FAILURES;

export function localFailure(kind: LocalFailure, message: string, cause?: unknown): Error {
  const error = new Error(message, { cause });
  error.name = LOCAL_FAILURES[kind].name;
  return error;
}

export interface GraphErrorDetails {
  readonly requestId?: string | undefined;
  /** Seconds Graph asked us to wait, when it said. */
  readonly retryAfterSeconds?: number | undefined;
  /** The event the failure concerns, when one exists despite the failure. */
  readonly eventId?: string | undefined;
}

/**
 * A Graph call that failed. `code` is Graph's own (ErrorItemNotFound, ApplicationThrottled …)
 * or ours for failures without an answer (network, tokenRejected, tokenUnavailable, noJoinUrl).
 * `status` is 0 when no HTTP answer came. `retryable` tells a job whether to try again later.
 */
export class GraphError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly retryable: boolean,
    message: string,
    readonly details: GraphErrorDetails = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : Math.max(0, Math.ceil((Date.parse(value) - Date.now()) / 1000));
}

export function toGraphError(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  if (error instanceof SdkGraphError) {
    if (error.statusCode > 0) {
      return new GraphError(error.code ?? 'UnknownError', error.statusCode, RETRYABLE_STATUSES.has(error.statusCode), error.message, {
        requestId: error.requestId ?? undefined,
        retryAfterSeconds: retryAfterSeconds(error.headers),
      });
    }
    const local = Object.values(LOCAL_FAILURES).find((f) => f.name === error.code);
    if (local) return new GraphError(local.code, 0, local.retryable, error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GraphError('unexpected', 0, false, message);
}
