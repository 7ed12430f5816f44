import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, headFile } from '../../src/staff/audit-log.js';
import { readAndVerifyAudit } from '../../src/staff/audit-file.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('audit trail under concurrent staff requests', () => {
  it('when many entries are appended at once (two consoles, the API), then every append succeeds and the chain and head verify', async () => {
    const file = path.join(await tempDir(), 'audit.jsonl');
    const key = Buffer.alloc(32, 9);
    const audit = await AuditLog.open(file, key);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => audit.append(new Date(), `staff${i % 3}`, 'tip.read', `tip:${i}`)),
    );
    await audit.close();
    const { entries, check } = await readAndVerifyAudit(file, key);
    expect(check).toEqual({ ok: true, count: 40 });
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(JSON.parse(await fs.readFile(headFile(file), 'utf8')).seq).toBe(40);
  });
});
