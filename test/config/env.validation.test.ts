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
      PUBLIC_BASE_URL: 'https://yhteistyobotti.example.fi',
    });
    expect(config.localMode).toBe(false);
    expect(config.publicBaseUrl).toBe('https://yhteistyobotti.example.fi');
    expect(config.encryptionKeys.map((k) => k.id)).toEqual(['k1']);
  });

  it('listens on 127.0.0.1 in local mode and on every interface with credentials, unless BIND_ADDRESS names an address', () => {
    const credentials = { MicrosoftAppId: '11111111-1111-4111-8111-111111111111', MicrosoftAppPassword: 'secret' };
    expect(loadConfig({}).bindAddress).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test', ...credentials }).bindAddress).toBeUndefined();
    expect(loadConfig({ BIND_ADDRESS: '0.0.0.0' }).bindAddress).toBe('0.0.0.0');
    expect(loadConfig({ ...credentials, BIND_ADDRESS: '::1' }).bindAddress).toBe('::1');
    expect(problems({ BIND_ADDRESS: 'everywhere' }).map((p) => p.split(':')[0])).toEqual(['BIND_ADDRESS']);
  });

  it('reads the follow-up settings, with a feedback time of day and a retention in days', () => {
    expect(loadConfig({}).followUp).toEqual({ questionsFile: 'infra/feedback-questions.yaml', feedbackTime: '15:00', retentionDays: 30 });
    expect(problems({ FEEDBACK_TIME: '25:00', RETENTION_DAYS: '0' }).map((p) => p.split(':')[0])).toEqual(['FEEDBACK_TIME', 'RETENTION_DAYS']);
  });

  it('keeps the audit log twelve years by default, and never shorter than the descriptions it accounts for', () => {
    expect(loadConfig({}).auditRetentionDays).toBe(4380);
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '3650' }).auditRetentionDays).toBe(3650);
    expect(problems({ AUDIT_RETENTION_DAYS: 'twelve years' })[0]).toMatch(/^AUDIT_RETENTION_DAYS:/);
    expect(problems({ AUDIT_RETENTION_DAYS: '30', RETENTION_DAYS: '30' })).toEqual(['AUDIT_RETENTION_DAYS: must be longer than RETENTION_DAYS (30)']);
  });

  it('lists every bad variable at once', () => {
    const found = problems({ PORT: 'eighty', REDIS_URL: 'nope', DATA_ENCRYPTION_KEY: 'short', MicrosoftAppId: 'not-a-guid' });
    expect(found.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['PORT', 'REDIS_URL', 'DATA_ENCRYPTION_KEY', 'MicrosoftAppId']));
  });

  it('reads rotated keys newest first', () => {
    const older = `k0:${Buffer.alloc(32, 1).toString('base64')}`;
    expect(loadConfig({ DATA_ENCRYPTION_KEY: `${KEY},${older}` }).encryptionKeys.map((k) => k.id)).toEqual(['k1', 'k0']);
  });

  it('reads Yhteistyöaika breaks, unit-specific ones included, and refuses an anchor that is not a Wednesday', () => {
    const config = loadConfig({ YHTEISTYOAIKA_BLACKOUTS: '2026-12-21..2027-01-03,2027-06-28..2027-08-01@lastenpsykiatria+neuvolat' });
    expect(config.yhteistyoaika.blackouts).toEqual([
      { from: '2026-12-21', to: '2027-01-03', unitIds: undefined },
      { from: '2027-06-28', to: '2027-08-01', unitIds: ['lastenpsykiatria', 'neuvolat'] },
    ]);
    expect(problems({ YHTEISTYOAIKA_ANCHOR: '2026-01-08' })).toEqual(['YHTEISTYOAIKA_ANCHOR: must be a Wednesday']);
  });

  it("calls Graph as the bot's own app registration unless another is named, and books nothing without one", () => {
    expect(loadConfig({}).graph).toBeUndefined();
    const bot = { MicrosoftAppId: '11111111-1111-4111-8111-111111111111', MicrosoftAppPassword: 's', MicrosoftAppTenantId: '22222222-2222-4222-8222-222222222222' };
    expect(loadConfig(bot).graph).toMatchObject({ clientId: bot.MicrosoftAppId, tenantId: bot.MicrosoftAppTenantId, clientSecret: 's' });
    expect(loadConfig({ ...bot, GRAPH_CLIENT_ID: 'graph-app', GRAPH_CLIENT_SECRET: 'g' }).graph).toMatchObject({ clientId: 'graph-app', clientSecret: 'g' });
  });

  it("gives up a silent Graph call after GRAPH_REQUEST_TIMEOUT_MS, the client's own default when unset", () => {
    const graph = { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' };
    expect(loadConfig(graph).graph?.requestTimeoutMs).toBeUndefined();
    expect(loadConfig({ ...graph, GRAPH_REQUEST_TIMEOUT_MS: '' }).graph?.requestTimeoutMs).toBeUndefined();
    expect(loadConfig({ ...graph, GRAPH_REQUEST_TIMEOUT_MS: '1500' }).graph?.requestTimeoutMs).toBe(1500);
    expect(problems({ GRAPH_REQUEST_TIMEOUT_MS: '50' })).toEqual([expect.stringMatching(/^GRAPH_REQUEST_TIMEOUT_MS: /)]);
  });
});
