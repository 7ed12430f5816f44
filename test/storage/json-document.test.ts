import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DocumentError,
  DurableJsonFile,
  DurableJsonFileSync,
  openDocument,
  openDocumentSync,
} from '../../src/storage/json-document.js';
import { tempDir } from '../helpers/temp-dir.js';

const Counter = z.object({ v: z.literal(1), n: z.number().int() });

async function freshFile(): Promise<string> {
  return path.join(await tempDir('document-'), 'counter.json');
}

describe('JSON documents on lowdb', () => {
  it('when the file is absent, then lowdb keeps the default; after a write it reads back', async () => {
    const file = await freshFile();
    const db = await openDocument(file, Counter, { v: 1, n: 0 });
    expect(db.data).toEqual({ v: 1, n: 0 });
    await db.update((d) => void (d.n = 5));
    expect(fs.readFileSync(file, 'utf8')).toBe('{"v":1,"n":5}\n');
    expect((await openDocument(file, Counter, { v: 1, n: 0 })).data).toEqual({ v: 1, n: 5 });
    expect(openDocumentSync(file, Counter, { v: 1, n: 0 }).data).toEqual({ v: 1, n: 5 });
  });

  it.each([
    ['damaged JSON', '{"v":1,"n":', /counter\.json: not valid JSON .*the file is damaged/],
    ['the wrong shape', '{"v":1,"n":"five"}\n', /counter\.json: not in the expected shape \(n: /],
    ['an empty file', '', /counter\.json: not valid JSON/],
  ])(
    'when the file holds %s, then reading stops with an error naming it and the file is untouched',
    async (_, text, message) => {
      const file = await freshFile();
      fs.writeFileSync(file, text);
      await expect(openDocument(file, Counter, { v: 1, n: 0 })).rejects.toThrow(message);
      await expect(new DurableJsonFile(file, Counter).update(() => ({ v: 1, n: 0 }))).rejects.toBeInstanceOf(
        DocumentError,
      );
      expect(() => openDocumentSync(file, Counter, { v: 1, n: 0 })).toThrow(message);
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
    },
  );

  it('when a write does not match the schema, then nothing is written', async () => {
    const file = await freshFile();
    await expect(new DurableJsonFile(file, Counter).write({ v: 1, n: 1.5 })).rejects.toThrow();
    expect(() => new DurableJsonFileSync(file, Counter).write({ v: 1, n: 1.5 })).toThrow();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('when fifty updates overlap, then none is lost (each reads what the one before wrote)', async () => {
    const file = await freshFile();
    const doc = new DurableJsonFile(file, Counter);
    await Promise.all(Array.from({ length: 50 }, () => doc.update((cur) => ({ v: 1, n: (cur?.n ?? 0) + 1 }))));
    expect(await doc.read()).toEqual({ v: 1, n: 50 });
  });

  it('when an indent is given, then the file is pretty JSON with a trailing newline', async () => {
    const file = await freshFile();
    new DurableJsonFileSync(file, Counter, { indent: 2 }).write({ v: 1, n: 2 });
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n  "v": 1,\n  "n": 2\n}\n');
  });
});
