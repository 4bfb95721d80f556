import autocannon from 'autocannon';
import type { LoopbackConnector } from '../../test/support/loopback-connector.js';
import { ascending, percentile } from './report.js';
import type { Target } from './hosts.js';

export const CONNECTIONS = 10;

export type PathName = 'welcome' | 'submit' | 'approval' | 'acknowledge' | 'name';
export type Auth = 'off' | 'JWT';

/** How an answered request proves it did the work, not just that it was answered. */
export type Proof = { readonly kind: 'connector reply' } | { readonly kind: 'answer'; readonly what: string; readonly holds: (body: string) => boolean };

export interface Scenario {
  readonly target: Target;
  readonly path: PathName;
  readonly auth: Auth;
  readonly url: string;
  readonly body: () => string;
  readonly headers: Readonly<Record<string, string>>;
  readonly proof: Proof;
}

export interface Measurement {
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly unproven: number;
}

/** Runs the scenario for `seconds`; latencies are of 2xx answers, in ms (autocannon's own histogram rounds to whole ms). */
export function fire(scenario: Scenario, seconds: number, connector: LoopbackConnector): Promise<Measurement> {
  const latencies: number[] = [];
  let replies = 0;
  let answersWithoutProof = 0;
  const { proof } = scenario;
  // Counting and dropping as we go keeps thousands of captured cards from growing this process's heap.
  const drainReplies = () => {
    replies += connector.captured.length;
    connector.clear();
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: scenario.url,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/api/messages',
            headers: { 'content-type': 'application/json', ...scenario.headers },
            setupRequest: (request) => ({ ...request, body: scenario.body() }),
            onResponse: (status, body) => {
              if (proof.kind === 'answer' && (status !== 200 || !proof.holds(body))) answersWithoutProof++;
            },
          },
        ],
      },
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        drainReplies();
        const sorted = ascending(latencies);
        resolve({
          requests: latencies.length,
          rps: latencies.length / seconds,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          // Requests cut off at the end may still reply, so replies can exceed answers, never fall short.
          unproven: proof.kind === 'connector reply' ? Math.max(0, result['2xx'] - replies) : answersWithoutProof,
        });
      },
    );
    instance.on('tick', drainReplies);
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

export function problemOf(label: string, scenario: Scenario, m: Measurement): string | undefined {
  if (m.errors + m.non2xx + m.unproven === 0) return undefined;
  const what = scenario.proof.kind === 'answer' ? scenario.proof.what : 'a connector reply';
  return `${label}: ${m.errors} errors or timeouts, ${m.non2xx} non-2xx, ${m.unproven} answers without ${what}`;
}
