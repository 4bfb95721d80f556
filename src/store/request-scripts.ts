import { APPEND_AUDIT_LUA } from './audit-chain.js';
import { WRITE_OUTBOX_LUA } from './redis-effect-outbox.js';
import { ADD_FIGURES_LUA } from './month-figures.js';

/** The Lua scripts that write a request with its indexes, audit entry and effects, each one atomic step. */

/**
 * `peopleIndexedVersion` is the version last filed with the per-person indexes: releases before
 * them set `indexedVersion` only, so a record they wrote is told apart and filed again at start-up.
 * `figuredVersion` is the version last counted in the units' month figures, and `figures` what was
 * counted for it then (`encodeFigures`): a write adds the difference to the figures, so a record an
 * older release wrote (leaving `figuredVersion` behind, or never setting it) is counted right later.
 *
 * Moves a request between indexes: out of the `leaving` keys from KEYS[first] on, into
 * every key after them. Every script that writes a request files it with this, so the indexes
 * and the record are one write and never disagree.
 */
const REFILE_LUA = `${ADD_FIGURES_LUA}
local function refile(first, leaving, score, id)
  for i = first, first + leaving - 1 do redis.call('ZREM', KEYS[i], id) end
  for i = first + leaving, #KEYS do redis.call('ZADD', KEYS[i], score, id) end
end
`;

/**
 * What a write sets down beside the request, in the same script: its audit entry and the effects
 * it causes. KEYS[4..7] are append_audit's, KEYS[8..9] the outbox's; ARGV from `first` are the
 * outbox entries as JSON, the time, then append_audit's arguments (the retention, the entry's
 * field-value pairs) when there is an entry.
 */
const RECORD_LUA = `${APPEND_AUDIT_LUA}${WRITE_OUTBOX_LUA}
local function record(first)
  write_outbox(KEYS[8], KEYS[9], ARGV[first + 1], cjson.decode(ARGV[first]))
  if #ARGV > first + 2 then
    append_audit(KEYS[4], KEYS[5], KEYS[6], KEYS[7], tonumber(ARGV[first + 2]), { unpack(ARGV, first + 3) })
  end
end
`;

// KEYS: the request, the owner's list, the reference index, append_audit's four, the outbox's two,
// the month figures it counts in (ARGV[9] of them), then the unit indexes it is in. ARGV[6] is the
// reference or ''; ARGV[7] names the unit indexes, as the record keeps them; ARGV[8] the figures
// counted for it, ARGV[10] add_figures' changes; record's arguments from ARGV[11].
export const CREATE = `${REFILE_LUA}${RECORD_LUA}
if redis.call('EXISTS', KEYS[1]) == 1 then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'meta', ARGV[2], 'description', ARGV[3], 'indexes', ARGV[7], 'indexedVersion', ARGV[1], 'peopleIndexedVersion', ARGV[1], 'figures', ARGV[8], 'figuredVersion', ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
if ARGV[6] ~= '' then redis.call('HSET', KEYS[3], ARGV[6], ARGV[5]) end
add_figures(10, cjson.decode(ARGV[10]))
refile(10 + tonumber(ARGV[9]), 0, ARGV[4], ARGV[5])
record(11)
return 'written'`;

// KEYS: the request, the owner's list, the reference index, append_audit's four keys, the outbox's
// two, the month figures the write changes (ARGV[13] of them), the unit indexes the request
// leaves, then those it is in. ARGV[7] is the reference or ''; ARGV[8] the unit indexes the record
// named when they were worked out, ARGV[9] those it names now, ARGV[10] how many it leaves;
// ARGV[11] the figures the record named when the change was worked out, ARGV[12] those it names
// now, ARGV[14] add_figures' changes (the difference); record's arguments from ARGV[15], used
// only if the write happens.
export const UPDATE = `${REFILE_LUA}${RECORD_LUA}
local current = redis.call('HGET', KEYS[1], 'version')
if not current then return 'not_found' end
if current ~= ARGV[1] or (redis.call('HGET', KEYS[1], 'indexes') or '') ~= ARGV[8] then return 'conflict' end
if (redis.call('HGET', KEYS[1], 'figures') or '') ~= ARGV[11] then return 'conflict' end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'meta', ARGV[3], 'description', ARGV[4], 'indexes', ARGV[9], 'indexedVersion', ARGV[2], 'peopleIndexedVersion', ARGV[2], 'figures', ARGV[12], 'figuredVersion', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[6])
if ARGV[7] ~= '' then redis.call('HSET', KEYS[3], ARGV[7], ARGV[6]) end
add_figures(10, cjson.decode(ARGV[14]))
refile(10 + tonumber(ARGV[13]), tonumber(ARGV[10]), ARGV[5], ARGV[6])
record(15)
return 'written'`;

// KEYS: the request, the owner's list, the reference index, the month figures counted for it
// (ARGV[6] of them), then the unit indexes the record names. ARGV[3] is the reference or '';
// ARGV[4] the unit indexes as read, ARGV[5] the figures as read, ARGV[7] add_figures' changes
// (what was counted, taken off).
export const REMOVE = `${REFILE_LUA}
local current = redis.call('HGET', KEYS[1], 'version')
if not current then return 'not_found' end
if current ~= ARGV[1] or (redis.call('HGET', KEYS[1], 'indexes') or '') ~= ARGV[4] then return 'conflict' end
if (redis.call('HGET', KEYS[1], 'figures') or '') ~= ARGV[5] then return 'conflict' end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
if ARGV[3] ~= '' and redis.call('HGET', KEYS[3], ARGV[3]) == ARGV[2] then redis.call('HDEL', KEYS[3], ARGV[3]) end
add_figures(4, cjson.decode(ARGV[7]))
refile(4 + tonumber(ARGV[6]), #KEYS - 3 - tonumber(ARGV[6]), 0, ARGV[2])
return 'written'`;

// KEYS: the request, the month figures the change touches (ARGV[9] of them), the unit indexes it
// leaves, then those it is in. ARGV[1] is the version the indexes were worked out from, ARGV[2]
// the indexes the record named then ('' for none), ARGV[3] those it belongs in, ARGV[4] how many
// it leaves, ARGV[5] its last change (the score), ARGV[6] its id; ARGV[7] the figures the record
// named then, ARGV[8] those it counts for now, ARGV[10] add_figures' changes (the difference). A
// record changed since it was read is left to its writer.
export const REINDEX = `${REFILE_LUA}
if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] or (redis.call('HGET', KEYS[1], 'indexes') or '') ~= ARGV[2] then return 'changed' end
if (redis.call('HGET', KEYS[1], 'figures') or '') ~= ARGV[7] then return 'changed' end
redis.call('HSET', KEYS[1], 'indexes', ARGV[3], 'indexedVersion', ARGV[1], 'peopleIndexedVersion', ARGV[1], 'figures', ARGV[8], 'figuredVersion', ARGV[1])
add_figures(2, cjson.decode(ARGV[10]))
refile(2 + tonumber(ARGV[9]), tonumber(ARGV[4]), ARGV[5], ARGV[6])
return 'written'`;

