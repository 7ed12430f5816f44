import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main as verify } from '../../src/cli/audit-verify.js';
import { deriveKeys } from '../../src/crypto/keys.js';
import { AuditLog } from '../../src/staff/audit-log.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = Buffer.alloc(32, 3);
const ENV_KEY = KEY.toString('base64');

async function trail() {
  const dir = await tempDir();
  const file = path.join(dir, 'state', 'audit.jsonl');
  const log = await AuditLog.open(file, deriveKeys(KEY).audit);
  const at = new Date('2026-11-26T03:00:00Z');
  await log.append(at, 'somchai', 'login');
  await log.append(at, 'somchai', 'tip.view', 'tip:abc');
  await log.append(at, 'malee', 'tip.status', 'tip:abc', { status: 'closed' });
  await log.close();
  return { dir, file };
}

async function run(dir: string) {
  const out: string[] = [];
  const code = await verify(
    { DATA_DIR: dir, TIP_ENCRYPTION_KEY: ENV_KEY },
    (l) => out.push(l),
    (l) => out.push(l),
  );
  return { code, out: out.join('\n') };
}

describe('audit trail', () => {
  it('when nothing was touched, then audit:verify says intact and exits 0', async () => {
    const { dir } = await trail();
    expect(await run(dir)).toEqual({ code: 0, out: 'audit trail intact: 3 entries' });
  });

  it('when an entry was edited, then audit:verify names it and exits 1', async () => {
    const { dir, file } = await trail();
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('"malee"', '"somsri"'));
    const result = await run(dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain('broken at entry 3');
  });

  it('when an entry was removed, then audit:verify reports the gap', async () => {
    const { dir, file } = await trail();
    const lines = (await fs.readFile(file, 'utf8')).trim().split('\n');
    await fs.writeFile(file, [lines[0], lines[2]].join('\n') + '\n');
    const result = await run(dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain('broken at entry 2');
  });

  it('when the last entry was removed, then the head record reveals it', async () => {
    const { dir, file } = await trail();
    const lines = (await fs.readFile(file, 'utf8')).trim().split('\n');
    await fs.writeFile(file, lines.slice(0, 2).join('\n') + '\n');
    const result = await run(dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain('should have 3 entries but has 2');
  });

  it('when someone rewrites an entry and recomputes plain hashes, then the keyed chain still breaks', async () => {
    const { dir, file } = await trail();
    const lines = (await fs.readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    lines[1].action = 'login';
    const { createHash } = await import('node:crypto');
    lines[1].hash = createHash('sha256').update('forged').digest('hex');
    await fs.writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect((await run(dir)).code).toBe(1);
  });
});
