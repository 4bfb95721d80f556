import { RedisCluster } from './redis-cluster.js';

/** `npm run test:cluster`: every test file of the run reaches this cluster through REDIS_URL. */
export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await RedisCluster.start();
  process.env.REDIS_URL = cluster.url;
  return () => cluster.stop();
}
