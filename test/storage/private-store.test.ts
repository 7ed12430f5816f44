import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seal } from '../../src/crypto/sealed.js';
import { PrivateStore } from '../../src/storage/private-store.js';
import { tempDir } from '../helpers/temp-dir.js';

const Person = z.object({ userId: z.string(), topics: z.array(z.string()) });
const KEY = Buffer.alloc(32, 9);
const person = (i: number) => ({ userId: `U${String(i).padStart(32, '0')}`, topics: ['news'] });

async function freshFile(): Promise<string> {
  return path.join(await tempDir('private-store-'), 'people.jsonl');
}

describe('PrivateStore', () => {
  it('when records are set and deleted, then a reopened store has the same records and the file shows no user id', async () => {
    const file = await freshFile();
    const store = await PrivateStore.open(file, KEY, Person);
    await store.set('ref-a', person(1));
    await store.set('ref-b', person(2));
    await store.delete('ref-b');
    await store.close();
    const reopened = await PrivateStore.open(file, KEY, Person);
    expect(reopened.values()).toEqual([person(1)]);
    await reopened.close();
    expect(await fs.readFile(file, 'utf8')).not.toContain(person(1).userId);
  });

  it('when a write happens, then the file grows by one line whatever the number of records', async () => {
    const file = await freshFile();
    const store = await PrivateStore.open(file, KEY, Person);
    for (let i = 0; i < 500; i += 1) await store.set(`ref-${i}`, person(i));
    const before = (await fs.readFile(file, 'utf8')).split('\n').length;
    await store.set('ref-new', person(9999));
    expect((await fs.readFile(file, 'utf8')).split('\n').length).toBe(before + 1);
    await store.close();
  });

  it('when compacted, then the file holds sealed chunks, and writes made meanwhile survive a reopen', async () => {
    const file = await freshFile();
    const store = await PrivateStore.open(file, KEY, Person);
    await Promise.all(Array.from({ length: 2500 }, (_, i) => store.set(`ref-${i}`, person(i))));
    const compaction = store.compact();
    // These land while chunks are being sealed.
    const late = [
      store.set('ref-late', person(7777)),
      store.delete('ref-3'),
      store.set('ref-4', { ...person(4), topics: [] }),
    ];
    await Promise.all([compaction, ...late]);
    await store.close();
    const lines = (await fs.readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => 'c' in l).length).toBe(3);
    const reopened = await PrivateStore.open(file, KEY, Person);
    expect(reopened.size).toBe(2500);
    expect(reopened.get('ref-late')).toEqual(person(7777));
    expect(reopened.get('ref-3')).toBeUndefined();
    expect(reopened.get('ref-4')?.topics).toEqual([]);
    expect(reopened.get('ref-2499')).toEqual(person(2499));
    await reopened.close();
  });

  it('when the file was written one sealed record per line (KeyedStore form), then it still opens', async () => {
    const file = await freshFile();
    await fs.writeFile(file, `${JSON.stringify({ k: 'ref-a', v: { s: seal(KEY, JSON.stringify(person(1))) } })}\n`);
    const store = await PrivateStore.open(file, KEY, Person);
    expect(store.get('ref-a')).toEqual(person(1));
    await store.close();
  });

  it('when a sealed line was changed or the key is wrong, then opening fails instead of starting empty', async () => {
    const file = await freshFile();
    const store = await PrivateStore.open(file, KEY, Person);
    await store.set('ref-a', person(1));
    await store.close();
    await expect(PrivateStore.open(file, Buffer.alloc(32, 1), Person)).rejects.toThrow(/damaged or the key is wrong/);
  });

  it('when a caller changes a record it read, then the stored record is unchanged', async () => {
    const store = await PrivateStore.open(await freshFile(), KEY, Person);
    await store.set('ref-a', person(1));
    store.get('ref-a')!.topics.push('report');
    expect(store.peek('ref-a')?.topics).toEqual(['news']);
    await store.close();
  });
});
