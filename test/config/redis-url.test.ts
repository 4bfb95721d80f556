import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';
import { redisTargetOf } from '../../src/config/redis-url.js';

describe('REDIS_URL', () => {
  it('names one node as ioredis reads it', () => {
    expect(redisTargetOf('rediss://:k%3D@cache.example:10000')).toEqual({ kind: 'node', url: 'rediss://:k%3D@cache.example:10000' });
  });

  it('names a cluster by its nodes, with TLS and the access key decoded, as Azure Managed Redis takes it', () => {
    expect(redisTargetOf('rediss+cluster://:abc%3D@yb.swedencentral.redis.azure.net:10000')).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'yb.swedencentral.redis.azure.net', port: 10000 }],
      tls: true,
      username: undefined,
      password: 'abc=',
    });
    expect(redisTargetOf('redis+cluster://127.0.0.1:7000,127.0.0.1:7001')).toMatchObject({ kind: 'cluster', tls: false, nodes: [{ port: 7000 }, { port: 7001 }] });
  });

  it('refuses anything else with a message naming the forms it takes, and no stack trace', () => {
    for (const url of ['http://cache:6379', 'redis+cluster://', 'redis+cluster://host', 'redis+cluster://host:99999', 'redis+sentinel://host:1']) {
      expect(redisTargetOf(url), url).toBeUndefined();
      expect(() => loadConfig({ REDIS_URL: url }), url).toThrow(ConfigError);
    }
    expect(() => loadConfig({ REDIS_URL: 'redis+cluster://host' })).toThrow(/REDIS_URL: expected redis:\/\/host:port .* rediss\+cluster:\/\//);
  });
});
