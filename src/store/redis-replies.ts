import type { ChainableCommander } from 'ioredis';

/** A pipeline's replies in order; a failed command fails the read, as a lost reply would make a count wrong. */
export async function repliesOf<T>(pipeline: ChainableCommander): Promise<T[]> {
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, reply]) => {
    if (error) throw error;
    return reply as T;
  });
}
