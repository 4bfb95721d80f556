/** Where `REDIS_URL` points: one node as ioredis reads its URL, or a cluster's seed nodes. */
export type RedisTarget =
  | { readonly kind: 'node'; readonly url: string }
  | {
      readonly kind: 'cluster';
      readonly nodes: readonly { host: string; port: number }[];
      readonly tls: boolean;
      readonly username: string | undefined;
      readonly password: string | undefined;
    };

const CLUSTER_URL = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#]+)\/?$/;

/**
 * `redis://` and `rediss://` name one node; `redis+cluster://host:port,host:port` and
 * `rediss+cluster://…` (TLS) a cluster by any of its nodes, with `user:password@` before the first.
 * Undefined for anything else, so the configuration can say so.
 */
export function redisTargetOf(url: string): RedisTarget | undefined {
  const cluster = CLUSTER_URL.exec(url);
  if (!cluster) {
    if (!/^rediss?:\/\//.test(url)) return undefined;
    try {
      new URL(url);
      return { kind: 'node', url };
    } catch {
      return undefined;
    }
  }
  const [, scheme, credentials, hostList] = cluster;
  const nodes = hostList!.split(',').map((node) => /^([a-z0-9.-]+|\[[0-9a-f:]+\]):(\d{1,5})$/i.exec(node.trim()));
  if (nodes.some((node) => !node || Number(node[2]) < 1 || Number(node[2]) > 65535)) return undefined;
  // As in a URL, the credentials are percent-encoded (Azure's access keys end in "=", %3D).
  const [user, password] = credentials === undefined ? [] : credentials.includes(':') ? credentials.split(/:(.*)/s) : [undefined, credentials];
  const decoded = (text: string | undefined) => (text ? decodeURIComponent(text) : undefined);
  return {
    kind: 'cluster',
    nodes: nodes.map((node) => ({ host: node![1]!.replace(/^\[|\]$/g, ''), port: Number(node![2]) })),
    tls: scheme === 'rediss',
    username: decoded(user),
    password: decoded(password),
  };
}
