import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { clientKey } from '../../src/http/client-key.js';

const from = (ip: string | undefined) => clientKey({ ip, socket: { remoteAddress: '10.9.9.9' } } as unknown as Request);

describe('client keys for the abuse limits', () => {
  it('when the address is IPv4 (plain or mapped into IPv6), then the key is the address', () => {
    expect(from('203.0.113.7')).toBe('203.0.113.7');
    expect(from('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(from(undefined)).toBe('10.9.9.9');
  });

  it('when the address is IPv6, then every address of one /64 gets one key, however it is written', () => {
    const key = from('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    expect(from('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(key);
    expect(from('2001:DB8:1:2:0:0:0:9%eth0')).toBe(key);
    expect(from('2001:db8:1:3::1')).not.toBe(key);
    expect(from('::1')).toBe('0:0:0:0::/64');
    expect(from('2001:db8::')).toBe('2001:db8:0:0::/64');
  });
});
