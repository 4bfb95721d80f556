import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { redisTargetOf, type RedisTarget } from '../config/redis-url.js';

/** One Redis node, or a Redis Cluster (Azure Managed Redis with the OSS cluster policy): the stores take either. */
export type RedisClient = Redis | Cluster;

/**
 * Interactive paths fail fast on an outage (the user gets "try again" and keeps the card)
 * rather than queueing commands until a connection that may not come back.
 */
const INTERACTIVE: RedisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, commandTimeout: 3000 };

export function connectRedis(url: string): RedisClient {
  return connectTo(url, INTERACTIVE);
}

/**
 * A client to `url` with these options; for a cluster they go to every node's connection, and
 * the offline queue, which a Cluster sets for itself, follows them.
 */
export function connectTo(url: string, options: RedisOptions): RedisClient {
  const target = redisTargetOf(url);
  if (!target) throw new Error('REDIS_URL is neither redis://, rediss://, redis+cluster:// nor rediss+cluster://');
  if (target.kind === 'node') return new Redis(url, options);
  const { enableOfflineQueue, ...nodeOptions } = options;
  return new Cluster([...target.nodes], clusterOptionsOf(target, nodeOptions, enableOfflineQueue));
}

function clusterOptionsOf(target: Extract<RedisTarget, { kind: 'cluster' }>, nodeOptions: RedisOptions, enableOfflineQueue: boolean | undefined): ClusterOptions {
  const { host } = target.nodes[0]!;
  return {
    ...(enableOfflineQueue !== undefined && { enableOfflineQueue }),
    redisOptions: {
      ...nodeOptions,
      username: target.username,
      password: target.password,
      // The certificate names the host the URL names, not the address a node reports for itself.
      ...(target.tls && { tls: { servername: host } }),
    },
    // ioredis's advice for managed TLS clusters (AWS, Azure): keep host names as the cluster reports
    // them, so TLS checks them, instead of resolving them to addresses first.
    ...(target.tls && { dnsLookup: (address: string, callback: (error: null, address: string) => void) => callback(null, address) }),
  };
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/** Start-up waits briefly for Redis; if it is not there, the bot still serves and says "try again". */
export async function redisReady(redis: RedisClient, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.once('ready', onReady);
  });
}

/**
 * Every key matching `pattern`, in batches, on every master of a cluster (a SCAN on a Cluster
 * client would ask one node only). `visit` gets each batch as found; a key may come twice, as SCAN goes.
 */
export async function scanKeys(client: RedisClient, pattern: string, visit: (keys: string[]) => Promise<void>, count = 500): Promise<void> {
  const nodes = isCluster(client) ? client.nodes('master') : [client];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) await visit(keys);
    } while (cursor !== '0');
  }
}
