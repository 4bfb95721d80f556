import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { globEscaped, KeySpace } from './key-space.js';
import { isCluster, scanKeys, type RedisClient } from './redis-connection.js';
import { repliesOf } from './redis-replies.js';

/** The layout of key-space.ts, with hash tags. Releases before it wrote layout 1 and no marker. */
export const CURRENT_LAYOUT = '2';

/** Longer than a county's keys take to rename; a process killed mid-way leaves the lock to lapse. */
const LOCK_MS = 5 * 60_000;
const BATCH = 1000;

/**
 * The new name of a key of the layout before hash tags (`<prefix>request:<id>`, BullMQ under
 * `<prefix>bull:`), from its name after the prefix; undefined for a key whose name stays, or one
 * already in the new layout (a SCAN may return a key again after it was renamed).
 */
export function renamedKey(keys: KeySpace, rest: string): string | undefined {
  if (/^(request:|request-references$|owner:.+:requests$|reference:|audit$|audit:|outbox$|outbox:)/.test(rest)) return keys.index(rest);
  if (/^(unit:[^:]+:(month:[^:]+:requests|open-requests|finished-requests|requests)|person:[^:]+:(open|finished)-requests)$/.test(rest)) return keys.index(rest);
  let match: RegExpExecArray | null;
  if ((match = /^unit:([^:]+):channel$/.exec(rest))) return keys.unitChannel(match[1]!);
  if ((match = /^channel:(.+):units$/s.exec(rest))) return keys.channelUnits(match[1]!);
  if ((match = /^yhteistyoaika:(.+)$/s.exec(rest))) return keys.slotDate(match[1]!);
  if (rest === 'feedback:answers') return keys.feedbackAnswers();
  if ((match = /^feedback:month:(.+)$/s.exec(rest))) return keys.feedbackMonth(match[1]!);
  if ((match = /^feedback:request:(.+)$/s.exec(rest))) return keys.feedbackRequest(match[1]!);
  if ((match = /^feedback:(.+):(\d+):respondents$/s.exec(rest))) return keys.feedbackRespondents(match[1]!, Number(match[2]));
  // Their new names start the same: one already renamed (SCAN may return it again) begins with the tag.
  if ((match = /^sent:([^{].*)$/s.exec(rest))) return keys.sent(match[1]!);
  if ((match = /^sending:([^{].*)$/s.exec(rest))) return keys.sending(match[1]!);
  if ((match = /^cards:([^{].*)$/s.exec(rest))) return keys.cards(match[1]!);
  if ((match = /^bull:(.+)$/s.exec(rest))) return `${keys.queuePrefix()}:${match[1]!}`;
  return undefined;
}

export type LayoutOutcome = { readonly kind: 'current' } | { readonly kind: 'cluster' } | { readonly kind: 'migrated'; readonly renamed: number };

/**
 * Brings a single Redis node written by releases before the hash-tagged layout into it: every
 * old key under the prefix is renamed (RENAMENX, so a key the new layout already holds is never
 * overwritten), the slot list's members, which name their date's key, follow, and the marker
 * `<prefix>layout` says so. Idempotent; of two processes starting at once one renames under a
 * lock and the other waits for the marker. A cluster is always in the new layout: no release
 * before it could run on one.
 */
export async function migrateKeyLayout(redis: RedisClient, prefix: string): Promise<LayoutOutcome> {
  if (isCluster(redis)) return { kind: 'cluster' };
  const keys = new KeySpace(prefix);
  const token = randomBytes(12).toString('base64url');
  for (;;) {
    if ((await redis.get(keys.layoutMarker())) === CURRENT_LAYOUT) return { kind: 'current' };
    if ((await redis.set(keys.layoutMigrationLock(), token, 'PX', LOCK_MS, 'NX')) === 'OK') break;
    await sleep(100);
  }
  try {
    const renamed = await renameAll(redis, keys);
    await moveSlotDates(redis, keys);
    await redis.set(keys.layoutMarker(), CURRENT_LAYOUT);
    return { kind: 'migrated', renamed };
  } finally {
    if ((await redis.get(keys.layoutMigrationLock())) === token) await redis.del(keys.layoutMigrationLock());
  }
}

async function renameAll(redis: RedisClient, keys: KeySpace): Promise<number> {
  let renamed = 0;
  await scanKeys(
    redis,
    `${globEscaped(keys.prefix)}*`,
    async (found) => {
      const moves = found.flatMap((key) => {
        const to = renamedKey(keys, key.slice(keys.prefix.length));
        return to === undefined ? [] : [[key, to] as const];
      });
      if (moves.length === 0) return;
      const pipeline = redis.pipeline();
      for (const [from, to] of moves) pipeline.renamenx(from, to);
      // A key that expired since the scan found it is no error.
      const replies = (await pipeline.exec()) ?? [];
      for (const [error, reply] of replies) {
        if (error && !/no such key/i.test(error.message)) throw error;
        if (reply === 1) renamed++;
      }
    },
    BATCH,
  );
  return renamed;
}

/** The date list names each date's hash by its key: old names become new ones, with their scores. */
async function moveSlotDates(redis: RedisClient, keys: KeySpace): Promise<void> {
  const oldStart = `${keys.prefix}yhteistyoaika:`;
  const members = await redis.zrange(keys.slotDates(), '0', '-1', 'WITHSCORES');
  const pipeline = redis.multi();
  for (let i = 0; i + 1 < members.length; i += 2) {
    const member = members[i]!;
    if (!member.startsWith(oldStart)) continue;
    pipeline.zrem(keys.slotDates(), member).zadd(keys.slotDates(), members[i + 1]!, keys.slotDate(member.slice(oldStart.length)));
  }
  if (pipeline.length > 0) await repliesOf(pipeline);
}
