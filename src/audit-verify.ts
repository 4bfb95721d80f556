import { loadConfig } from './config/env.js';
import { AuditChain, verifyAuditChain, type ChainProblem } from './store/audit-chain.js';
import { connectRedis, redisReady } from './store/redis-connection.js';

/**
 * `npm run audit:verify [-- --archived-head <hash>]`, or in a deployed build (no tsx there)
 * `node dist/src/audit-verify.js`: recomputes the hash chain of the audit log at REDIS_URL under
 * REDIS_KEY_PREFIX. Prints OK with the number of entries and the head hash,
 * which the county's archive keeps outside Redis; given a head kept earlier, also checks that it
 * is still in the chain. Otherwise prints the first broken entry and exits 1.
 */
const EXPLAINED: Readonly<Record<ChainProblem, string>> = {
  prev_mismatch: 'its prev is not the hash of the entry before it: an entry before it was removed or reordered',
  hash_mismatch: 'its hash does not cover its fields: the entry was altered',
  not_chained: 'it carries no hash although entries before it do: it was added outside the chain',
  head_mismatch: 'the head does not name the newest entry: entries were removed from the end',
  archived_head_missing: 'the archived head is not in the chain: the chain was rewritten after it',
};

async function main(): Promise<number> {
  const flag = process.argv.indexOf('--archived-head');
  const archivedHead = flag >= 0 ? process.argv[flag + 1] : undefined;
  const config = loadConfig(process.env);
  const redis = connectRedis(config.redisUrl);
  try {
    if (!(await redisReady(redis, 5000))) throw new Error(`Redis at ${config.redisUrl} did not answer`);
    const verdict = await verifyAuditChain(redis, AuditChain.keptForDays(config.redisKeyPrefix, config.auditRetentionDays), archivedHead);
    if (verdict.ok) {
      const before = verdict.unchained > 0 ? `, of which ${verdict.unchained} from before the chain began` : '';
      const trimmed = verdict.anchor ? `; older entries trimmed after the retention, anchored at ${verdict.anchor}` : '';
      console.log(`OK: ${verdict.count} audit entries${before}${trimmed}\nhead ${verdict.head ?? '(none)'}`);
      return 0;
    }
    console.log(`BROKEN at entry ${verdict.brokenAt} (entry ${verdict.count} of the walk): ${EXPLAINED[verdict.problem]}\nhead ${verdict.head ?? '(none)'}`);
    return 1;
  } finally {
    redis.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
