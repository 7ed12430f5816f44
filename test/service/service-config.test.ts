import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const DB = {
  DATABASE_URL: 'postgresql://bot@localhost/integrity',
  SERVICE_KEY: Buffer.alloc(32, 9).toString('base64'),
};
const T1 = 'a'.repeat(32);
const T2 = 'b'.repeat(32);

describe('the shared service configuration', () => {
  it("when STAFF_TOKENS has tenant/name:token entries, then they are the tenant's and not the single town's", () => {
    const config = loadConfig({ ...DB, STAFF_TOKENS: `somchai:${T1}, phonsai/malee:${T2}` });
    expect([...config.staffTokens]).toEqual([[T1, 'somchai']]);
    expect([...config.tenantStaffTokens.get('phonsai')!]).toEqual([[T2, 'malee']]);
  });

  it('when a tenant entry or SERVICE_ADMIN_TOKEN is given without DATABASE_URL, then the start is refused in one line', () => {
    expect(() => loadConfig({ STAFF_TOKENS: `phonsai/malee:${T2}` })).toThrow(
      new ConfigError('STAFF_TOKENS: entries tenant/name:token work only with DATABASE_URL (the shared service)'),
    );
    expect(() => loadConfig({ SERVICE_ADMIN_TOKEN: T1 })).toThrow(
      new ConfigError('SERVICE_ADMIN_TOKEN: works only with DATABASE_URL (the shared service)'),
    );
  });

  it('when an entry is malformed, then one line says what is wrong and never shows a token', () => {
    // Each message is compared whole: none shows a token
    const cases: Array<[Record<string, string>, string]> = [
      [
        { STAFF_TOKENS: `Phon_Sai/malee:${T2}` },
        'STAFF_TOKENS: the tenant in "Phon_Sai/..." must be 2-32 of a-z, 0-9 and -',
      ],
      [
        { STAFF_TOKENS: `phonsai/:${T2}` },
        'STAFF_TOKENS: each entry must be name:token or tenant/name:token with a name of letters, digits, . _ or -',
      ],
      [{ STAFF_TOKENS: `somchai:${T1},phonsai/malee:${T1}` }, 'STAFF_TOKENS: the token for "malee" is given twice'],
      [{ SERVICE_ADMIN_TOKEN: 'short' }, 'SERVICE_ADMIN_TOKEN: must be at least 32 characters'],
      [
        { STAFF_TOKENS: `somchai:${T1}`, SERVICE_ADMIN_TOKEN: T1 },
        'SERVICE_ADMIN_TOKEN: must differ from every STAFF_TOKENS token',
      ],
    ];
    for (const [env, message] of cases) expect(() => loadConfig({ ...DB, ...env })).toThrow(new ConfigError(message));
  });

  it('when nothing of the service is set, then a single town as before: no tenant tokens, no admin', () => {
    const config = loadConfig({ STAFF_TOKENS: `somchai:${T1}` });
    expect(config.tenantStaffTokens.size).toBe(0);
    expect(config.serviceAdminToken).toBeNull();
    expect(config.lineApi).toEqual({ apiBaseUrl: 'https://api.line.me', dataApiBaseUrl: 'https://api-data.line.me' });
  });
});
