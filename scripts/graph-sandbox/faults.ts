/**
 * Faults a test or the CLI arms ahead of time: the next `times` matching requests are answered
 * with a status (429 / 503 / 504, with Retry-After) or held for a delay. A status fault with
 * `afterWork` lets the request take effect first and then loses the answer, which is what a
 * gateway timeout does to a create and why Graph's `transactionId` exists; a delay with
 * `afterWork` takes effect and then holds the answer, past a client's timeout or its death.
 */
export type FaultSpec =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number; readonly afterWork?: boolean }
  | { readonly kind: 'delay'; readonly ms: number; readonly afterWork?: boolean };

export interface ArmedFault {
  readonly fault: FaultSpec;
  readonly path: RegExp;
  remaining: number;
}

/** Graph calls only unless a path is given, so token requests keep working during a storm. */
const GRAPH_PATHS = /^\/v1\.0\//;

export class FaultControl {
  private armed: ArmedFault[] = [];
  private missingJoinUrls = 0;

  inject(fault: FaultSpec, times = 1, path: RegExp = GRAPH_PATHS): void {
    this.armed.push({ fault, path, remaining: times });
  }

  throttle(times: number, retryAfterSeconds: number, path?: RegExp): void {
    this.inject({ kind: 'status', status: 429, retryAfterSeconds }, times, path);
  }

  unavailable(times: number, options: { retryAfterSeconds?: number; afterWork?: boolean } = {}, path?: RegExp): void {
    this.inject({ kind: 'status', status: 503, ...options }, times, path);
  }

  delay(times: number, ms: number, path?: RegExp): void {
    this.inject({ kind: 'delay', ms }, times, path);
  }

  /** Some tenants create a Teams meeting event without a join URL; the next `times` creates do so. */
  omitJoinUrl(times = 1): void {
    this.missingJoinUrls += times;
  }

  clear(): void {
    this.armed = [];
    this.missingJoinUrls = 0;
  }

  list(): readonly { fault: FaultSpec; path: string; remaining: number }[] {
    return this.armed.map((a) => ({ fault: a.fault, path: a.path.source, remaining: a.remaining }));
  }

  /** Consumes and returns the first armed fault matching the path. */
  take(path: string): FaultSpec | undefined {
    const match = this.armed.find((a) => a.remaining > 0 && a.path.test(path));
    if (!match) return undefined;
    match.remaining -= 1;
    this.armed = this.armed.filter((a) => a.remaining > 0);
    return match.fault;
  }

  takeMissingJoinUrl(): boolean {
    if (this.missingJoinUrls === 0) return false;
    this.missingJoinUrls -= 1;
    return true;
  }
}
