import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RedisAuditLog } from '../../src/store/redis-audit-log.js';
import { auditChain } from '../support/audit-chain.js';
import { sharedRedis } from '../support/shared-redis.js';

const { redis, prefix } = sharedRedis();
const run = promisify(execFile);

/** `npm run audit:verify` as an operator runs it, against the given prefix. */
async function verify(keyPrefix: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const env = { ...process.env, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: keyPrefix };
  try {
    const { stdout } = await run('node_modules/.bin/tsx', ['src/audit-verify.ts', ...args], { env });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, out: failed.stdout };
  }
}

describe('npm run audit:verify', () => {
  it('prints OK with the count and the head, and the first broken entry with exit code 1 once one is deleted', async () => {
    const p = prefix();
    const chain = auditChain(p);
    const log = new RedisAuditLog(redis, chain);
    for (const actorId of ['a', 'b', 'c']) await log.record({ at: '2026-11-24T10:00:00.000Z', actorId, action: 'request.read', requestId: 'r1' });
    const head = (await redis.get(chain.head))!;
    expect(await verify(p)).toEqual({ code: 0, out: `OK: 3 audit entries\nhead ${head}\n` });
    expect((await verify(p, '--archived-head', head)).code).toBe(0);

    const [, second, third] = (await redis.xrange(chain.stream, '-', '+')).map(([id]) => id);
    await redis.xdel(chain.stream, second!);
    const broken = await verify(p);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`BROKEN at entry ${third}`);
    expect(broken.out).toContain('an entry before it was removed');
  }, 30_000);
});
