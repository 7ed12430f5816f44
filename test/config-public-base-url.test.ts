import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const LIVE = { LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't', TIP_ENCRYPTION_KEY: KEY };

describe('PUBLIC_BASE_URL', () => {
  it('when set, then links are built from it without its trailing slash', () => {
    expect(loadConfig({ ...LIVE, PUBLIC_BASE_URL: 'https://bot.example.go.th/line/' }).publicBaseUrl).toBe(
      'https://bot.example.go.th/line',
    );
  });

  it('when unset, then demo mode uses its own address and live mode has none', () => {
    expect(loadConfig({ PORT: '8123' }).publicBaseUrl).toBe('http://localhost:8123');
    expect(loadConfig(LIVE).publicBaseUrl).toBeNull();
  });

  it('when live mode is given an http address or not an address, then the start stops with one line naming the variable', () => {
    expect(() => loadConfig({ ...LIVE, PUBLIC_BASE_URL: 'http://bot.example.go.th' })).toThrow(
      new ConfigError('PUBLIC_BASE_URL: must start with https:// in live mode (LINE opens only secure links)'),
    );
    expect(() => loadConfig({ ...LIVE, PUBLIC_BASE_URL: 'bot.example.go.th' })).toThrow(
      /^PUBLIC_BASE_URL: must be the bot's public address/,
    );
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://x.example' })).toThrow(/^PUBLIC_BASE_URL:/);
  });

  it('when demo mode is given an http address, then it is taken (a laptop on the town hall network)', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://192.168.1.20:3000' }).publicBaseUrl).toBe('http://192.168.1.20:3000');
  });
});
