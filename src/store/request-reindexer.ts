import { figureDelta, metricContributions } from '../domain/metrics/month-figures.js';
import { KeySpace, globEscaped } from './key-space.js';
import { decodeFigures, encodeFigures, figureArgs } from './month-figures.js';
import { scanKeys, type RedisClient } from './redis-connection.js';
import { refiling } from './request-indexes.js';
import { REINDEX } from './request-scripts.js';
import { repliesOf } from './redis-replies.js';
import { requestSchema } from './schemas/request-record.js';
import { readRecord } from './schemas/stored-record.js';

/** The glob also matches the retired month indexes (`unit:<id>:month:<m>:requests`), which reindexing empties; this does not. */
const RETIRED_INDEX = /^unit:[a-z0-9-]+:requests$/;

/** How many records a reindex reads per SCAN step. */
const REINDEX_BATCH = 500;

/**
 * Puts right the unit and person indexes and the month figures of requests whose record and
 * indexes or figures disagree, as RedisRequestRepository's scripts keep them: a record carries the
 * version it was last filed at and the version it was last counted at.
 */
export class RequestReindexer {
  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.keys = new KeySpace(prefix);
  }

  private readonly keys: KeySpace;

  /**
   * Files under their unit and person indexes the requests that are not, and counts in their
   * units' month figures those not counted as they stand: those stored before the indexes or the
   * figures existed, and those an older instance wrote during a rolling deploy (its scripts leave
   * `indexedVersion`, `peopleIndexedVersion` or `figuredVersion` behind); a record counted at an
   * older version has the difference added to what it says was counted. A record stored before
   * the figures is counted once: the same script marks it counted. Idempotent, and safe beside live writes: a
   * record written since it was read is skipped, its writer having filed it (or, an older one, the
   * next sweep). Reads each record's metadata only when it needs filing. Resolves to how many were filed.
   */
  async reindex(): Promise<number> {
    let filed = 0;
    await scanKeys(this.redis, `${globEscaped(this.keys.request(''))}*`, async (keys) => {
      filed += await this.reindexBatch(keys);
    }, REINDEX_BATCH);
    await this.dropRetiredIndexes();
    return filed;
  }

  /** Releases before the month indexes kept one capped set per unit, `unit:<id>:requests`: nothing reads it now. */
  private async dropRetiredIndexes(): Promise<void> {
    const start = this.keys.index('');
    await scanKeys(this.redis, `${globEscaped(start)}unit:*:requests`, async (keys) => {
      // One UNLINK may name keys of one slot only; these are all the workflow core's.
      const gone = keys.filter((key) => RETIRED_INDEX.test(key.slice(start.length)));
      if (gone.length > 0) await this.redis.unlink(...gone);
    }, REINDEX_BATCH);
  }

  private async reindexBatch(keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const check = this.redis.pipeline();
    for (const key of keys) check.hmget(key, 'version', 'indexedVersion', 'peopleIndexedVersion', 'figuredVersion');
    const stale = (await repliesOf<(string | null)[]>(check)).flatMap(([version, indexedVersion, peopleIndexedVersion, figuredVersion], i) =>
      version !== indexedVersion || version !== peopleIndexedVersion || version !== figuredVersion ? [keys[i]!] : [],
    );
    if (stale.length === 0) return 0;
    const read = this.redis.pipeline();
    for (const key of stale) read.hmget(key, 'version', 'indexes', 'meta', 'figures');
    const rows = await repliesOf<(string | null)[]>(read);
    const write = this.redis.pipeline();
    rows.forEach(([version, filed, meta, figured], i) => {
      // Gone, or half a record: nothing to file.
      if (!version || !meta) return;
      const key = stale[i]!;
      const request = readRecord(requestSchema, 'request', key.slice(this.keys.request('').length), meta);
      const { leaving, now } = refiling(filed, request);
      const counted = metricContributions(request);
      const figures = figureArgs(figureDelta(counted, decodeFigures(figured)), (unitId, month) => this.keys.monthFigures(unitId, month));
      const keys = [key, ...figures.keys, ...this.keysOf(leaving), ...this.keysOf(now)];
      const args = [version, filed ?? '', now.join(' '), leaving.length, Date.parse(request.updatedAt), request.id, figured ?? '', encodeFigures(counted), figures.keys.length, figures.changes];
      write.eval(REINDEX, keys.length, ...keys, ...args);
    });
    if (write.length === 0) return 0;
    return (await repliesOf<string>(write)).filter((outcome) => outcome === 'written').length;
  }

  private keysOf(names: readonly string[]): string[] {
    return names.map((name) => this.keys.index(name));
  }
}
