import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppendLog } from '../../src/storage/append-log.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('AppendLog', () => {
  it('when many appends run at once, then all are on disk in order after they resolve', async () => {
    const file = path.join(await tempDir(), 'log.jsonl');
    const { log } = await AppendLog.open(file);
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.append({ i })));
    await log.close();
    const reopened = await AppendLog.open(file);
    await reopened.log.close();
    expect(reopened.records).toEqual(Array.from({ length: 200 }, (_, i) => ({ i })));
  });

  it('when the last line was torn by a crash, then it is dropped and appends continue cleanly', async () => {
    const file = path.join(await tempDir(), 'log.jsonl');
    await fs.writeFile(file, '{"a":1}\n{"a":2}\n{"a":');
    const { log, records } = await AppendLog.open(file);
    expect(records).toEqual([{ a: 1 }, { a: 2 }]);
    await log.append({ a: 3 });
    await log.close();
    expect(await fs.readFile(file, 'utf8')).toBe('{"a":1}\n{"a":2}\n{"a":3}\n');
  });

  it('when a line in the middle is damaged, then opening fails naming the file and line', async () => {
    const file = path.join(await tempDir(), 'log.jsonl');
    await fs.writeFile(file, '{"a":1}\nnot json\n{"a":3}\n');
    await expect(AppendLog.open(file)).rejects.toThrow(/log\.jsonl: line 2 is not valid JSON/);
  });

  it('when appends are made right after a rewrite starts, then they survive in the new file', async () => {
    const file = path.join(await tempDir(), 'log.jsonl');
    const { log } = await AppendLog.open(file);
    await log.appendMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const before = log.append({ n: 4 });
    const rewrite = log.rewrite([{ snapshot: true }]);
    const after = log.append({ n: 5 });
    await Promise.all([before, rewrite, after]);
    await log.close();
    const reopened = await AppendLog.open(file);
    await reopened.log.close();
    expect(reopened.records).toEqual([{ snapshot: true }, { n: 5 }]);
  });
});
