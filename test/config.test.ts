import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const KEY = Buffer.alloc(32, 9).toString('base64');

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('when nothing is set, then demo mode on port 3000 with DATA_DIR data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'demo', port: 3000, line: null, tipEncryptionKey: null });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('when both LINE variables and a key are set, then live mode with the API base URLs', () => {
    const config = loadConfig({
      LINE_CHANNEL_SECRET: 's',
      LINE_CHANNEL_ACCESS_TOKEN: 't',
      TIP_ENCRYPTION_KEY: KEY,
      LINE_API_BASE_URL: 'http://127.0.0.1:9/',
    });
    expect(config.mode).toBe('live');
    expect(config.line).toMatchObject({
      channelSecret: 's',
      apiBaseUrl: 'http://127.0.0.1:9/',
      dataApiBaseUrl: 'https://api-data.line.me',
    });
  });

  it('when only one LINE variable is set, then the start is refused naming the missing one', () => {
    expect(errorOf({ LINE_CHANNEL_SECRET: 'secret-value' })).toMatch(/^LINE_CHANNEL_ACCESS_TOKEN: must be set too/);
    expect(errorOf({ LINE_CHANNEL_ACCESS_TOKEN: 'token-value' })).toMatch(/^LINE_CHANNEL_SECRET: must be set too/);
  });

  it('when live mode has no tip key, then the start is refused', () => {
    expect(errorOf({ LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't' })).toMatch(
      /^TIP_ENCRYPTION_KEY: required in live mode/,
    );
  });

  it('when a value is bad, then one line names the variable and never the secret value', () => {
    expect(errorOf({ PORT: 'eighty' })).toMatch(/^PORT: /);
    expect(errorOf({ LINE_API_BASE_URL: 'ftp://example' })).toMatch(/^LINE_API_BASE_URL: /);
    const short = errorOf({ STAFF_TOKENS: 'somchai:tooshort-secret' });
    expect(short).toMatch(/^STAFF_TOKENS: the token for "somchai" is shorter than 32 characters/);
    expect(short).not.toContain('tooshort-secret');
    const key = errorOf({ TIP_ENCRYPTION_KEY: 'c2VjcmV0LWtleS12YWx1ZQ==' });
    expect(key).toMatch(/^TIP_ENCRYPTION_KEY: must be 32 bytes/);
    expect(key).not.toContain('c2VjcmV0');
    for (const message of [short, key]) expect(message.split('\n')).toHaveLength(1);
  });

  it('when staff tokens are given, then each token maps to its staff name', () => {
    const token = 'x'.repeat(40);
    expect(loadConfig({ STAFF_TOKENS: `somchai:${token}, malee:${'y'.repeat(32)}` }).staffTokens.get(token)).toBe(
      'somchai',
    );
  });
});

describe('TRUST_PROXY', () => {
  it('when unset, then no proxy is trusted; numbers, true and addresses are passed on', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.2' }).trustProxy).toBe('10.0.0.1, 10.0.0.2');
  });

  it('when the value is not a proxy setting, then the start is refused naming it', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/^TRUST_PROXY: /);
  });
});

const URL_WITH_PASSWORD = 'postgresql://bot:s3cret-pw@db.example:5432/integrity';

describe('DATABASE_URL and SERVICE_KEY', () => {
  it('when neither is set, then the configuration has no database (files under DATA_DIR, as before)', () => {
    expect(loadConfig({}).database).toBeNull();
    expect(loadConfig({ SERVICE_KEY: KEY }).database).toBeNull();
  });

  it('when both are set, then the URL and the 32-byte key are in the configuration', () => {
    const { database } = loadConfig({ DATABASE_URL: URL_WITH_PASSWORD, SERVICE_KEY: KEY });
    expect(database).toEqual({ url: URL_WITH_PASSWORD, serviceKey: Buffer.alloc(32, 9) });
    expect(
      loadConfig({ DATABASE_URL: 'postgres:///integrity?host=/run/postgresql', SERVICE_KEY: KEY }).database?.url,
    ).toMatch(/^postgres:/);
  });

  it('when DATABASE_URL is set without SERVICE_KEY, then the start is refused naming SERVICE_KEY', () => {
    expect(errorOf({ DATABASE_URL: URL_WITH_PASSWORD })).toBe(
      'SERVICE_KEY: required with DATABASE_URL (32 bytes, base64)',
    );
  });

  it('when a value is bad, then one line names the variable and never the value', () => {
    for (const bad of ['mysql://root:s3cret-pw@db/x', 's3cret-pw', 'https://s3cret-pw@db/x']) {
      const line = errorOf({ DATABASE_URL: bad, SERVICE_KEY: KEY });
      expect(line).toMatch(/^DATABASE_URL: must be a PostgreSQL connection string/);
      expect(line).not.toContain('s3cret-pw');
    }
    const short = Buffer.alloc(16, 1).toString('base64');
    const line = errorOf({ DATABASE_URL: URL_WITH_PASSWORD, SERVICE_KEY: short });
    expect(line).toMatch(/^SERVICE_KEY: must be 32 bytes/);
    expect(line).not.toContain(short);
  });
});
