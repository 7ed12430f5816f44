import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineLinks } from '../../src/staff/line-link.js';
import { userId } from '../helpers/events.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = Buffer.alloc(32, 5);

describe('staff LINE links', () => {
  it('when a new code is issued, then the earlier one of the same account answers "expired", and the link survives a restart sealed', async () => {
    let now = new Date('2026-03-20T03:00:00Z');
    const file = path.join(await tempDir(), 'links.jsonl');
    let links = await LineLinks.open(file, KEY, () => now);
    const first = links.issue('somsri');
    const second = links.issue('somsri');
    expect(first.code).not.toBe(second.code);
    expect(second.expiresAt.toISOString()).toBe('2026-03-20T03:10:00.000Z');
    expect(await links.redeem(userId(5), first.code)).toEqual({ result: 'expired' });
    now = new Date('2026-03-20T03:09:59Z');
    expect(await links.redeem(userId(5), second.code)).toEqual({ result: 'linked', account: 'somsri' });
    expect(await links.redeem(userId(6), second.code)).toEqual({ result: 'used' });
    await links.close();
    expect(fs.readFileSync(file, 'utf8')).not.toContain(userId(5));
    links = await LineLinks.open(file, KEY, () => now);
    expect(links.userIdOf('somsri')).toBe(userId(5));
    expect(links.userIdOf('malee')).toBeUndefined();
    await links.close();
  });

  it('when a LINE user sends five wrong codes, then even a right one is refused for 10 minutes, and accepted after', async () => {
    let now = new Date('2026-03-20T03:00:00Z');
    const links = await LineLinks.open(path.join(await tempDir(), 'links.jsonl'), KEY, () => now);
    const { code } = links.issue('somsri');
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) expect((await links.redeem(userId(8), wrong)).result).toBe('unknown');
    expect((await links.redeem(userId(8), code)).result).toBe('too-many');
    now = new Date('2026-03-20T03:09:00Z');
    expect((await links.redeem(userId(8), links.issue('somsri').code)).result).toBe('too-many');
    now = new Date('2026-03-20T03:10:01Z');
    expect((await links.redeem(userId(8), links.issue('somsri').code)).result).toBe('linked');
    await links.close();
  });
});
