import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';

export const FUZZ_FILE = 'test/fuzz/messages.fuzz.test.ts';
export const FUZZ_RUNS = 100_000;
/** Past the test's own timeout (it scales with FUZZ_RUNS); only a file without one would meet it. */
const FALLBACK_TIMEOUT_MS = 4 * 3600_000;

export type FuzzOutcome =
  | { readonly ran: false; readonly reason: string }
  | { readonly ran: true; readonly passed: boolean; readonly seconds: number; readonly exitCode: number | null };

/** The fuzz test of /api/messages with the bench's run count, through vitest as CI runs it; its output goes to stderr. */
export async function runFuzz(): Promise<FuzzOutcome> {
  if (!existsSync(FUZZ_FILE)) return { ran: false, reason: `${FUZZ_FILE} does not exist` };
  const started = performance.now();
  const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', FUZZ_FILE, `--testTimeout=${FALLBACK_TIMEOUT_MS}`], {
    env: { ...process.env, FUZZ_RUNS: String(FUZZ_RUNS) },
    stdio: ['ignore', 2, 2],
  });
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  return { ran: true, passed: exitCode === 0, seconds: (performance.now() - started) / 1000, exitCode };
}
