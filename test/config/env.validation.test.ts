import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';

const KEY = `k1:${Buffer.alloc(32, 3).toString('base64')}`;

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('configuration', () => {
  it('runs locally with no variables at all, in local mode', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.localMode).toBe(true);
    expect(config.encryptionKeys[0]?.key).toHaveLength(32);
  });

  it('refuses to start in production without Bot Framework credentials and an encryption key, naming each', () => {
    const found = problems({ NODE_ENV: 'production' });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('MicrosoftAppId'),
        expect.stringContaining('MicrosoftAppTenantId'),
        expect.stringContaining('MicrosoftAppPassword'),
        expect.stringContaining('DATA_ENCRYPTION_KEY'),
      ]),
    );
  });

  it('starts in production with everything given', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      MicrosoftAppId: '11111111-1111-4111-8111-111111111111',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppTenantId: '22222222-2222-4222-8222-222222222222',
      DATA_ENCRYPTION_KEY: KEY,
    });
    expect(config.localMode).toBe(false);
    expect(config.encryptionKeys.map((k) => k.id)).toEqual(['k1']);
  });

  it('lists every bad variable at once', () => {
    const found = problems({ PORT: 'eighty', REDIS_URL: 'nope', DATA_ENCRYPTION_KEY: 'short', MicrosoftAppId: 'not-a-guid' });
    expect(found.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['PORT', 'REDIS_URL', 'DATA_ENCRYPTION_KEY', 'MicrosoftAppId']));
  });

  it('reads rotated keys newest first', () => {
    const older = `k0:${Buffer.alloc(32, 1).toString('base64')}`;
    expect(loadConfig({ DATA_ENCRYPTION_KEY: `${KEY},${older}` }).encryptionKeys.map((k) => k.id)).toEqual(['k1', 'k0']);
  });
});
