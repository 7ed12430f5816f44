import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KeyedStore } from '../../src/storage/keyed-store.js';
import { tempDir } from '../helpers/temp-dir.js';

const Item = z.object({ name: z.string(), count: z.number() });

describe('KeyedStore', () => {
  it('when records are set and deleted, then a reopened store has the same records', async () => {
    const file = path.join(await tempDir(), 'items.jsonl');
    const store = await KeyedStore.open(file, Item);
    await store.set('a', { name: 'a', count: 1 });
    await store.set('b', { name: 'b', count: 2 });
    await store.set('a', { name: 'a', count: 3 });
    await store.delete('b');
    await store.close();
    const reopened = await KeyedStore.open(file, Item);
    expect(reopened.values()).toEqual([{ name: 'a', count: 3 }]);
    await reopened.close();
  });

  it('when a caller changes a record it read, then the stored record is unchanged', async () => {
    const store = await KeyedStore.open(path.join(await tempDir(), 'items.jsonl'), Item);
    await store.set('a', { name: 'a', count: 1 });
    const copy = store.get('a')!;
    copy.count = 99;
    expect(store.get('a')).toEqual({ name: 'a', count: 1 });
    await store.close();
  });

  it('when a value breaks the schema, then set throws and nothing is stored', async () => {
    const store = await KeyedStore.open(path.join(await tempDir(), 'items.jsonl'), Item);
    expect(() => store.set('a', { name: 'a' } as never)).toThrow();
    expect(store.has('a')).toBe(false);
    await store.close();
  });

  it('when the file holds an invalid record, then opening fails with the file and record number', async () => {
    const file = path.join(await tempDir(), 'items.jsonl');
    await fs.writeFile(file, '{"k":"a","v":{"name":"a","count":1}}\n{"k":"b","v":{"name":"b"}}\n');
    await expect(KeyedStore.open(file, Item)).rejects.toThrow(/items\.jsonl: record 2 is invalid/);
  });

  it('when the log grows past its limit, then it is compacted without losing writes made meanwhile', async () => {
    const file = path.join(await tempDir(), 'items.jsonl');
    const store = await KeyedStore.open(file, Item);
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 1500; i += 1) writes.push(store.set(`k${i % 10}`, { name: 'x', count: i }));
    await Promise.all(writes);
    await store.compact();
    await store.set('late', { name: 'late', count: 0 });
    await store.close();
    const lines = (await fs.readFile(file, 'utf8')).trim().split('\n');
    expect(lines.length).toBe(11);
    const reopened = await KeyedStore.open(file, Item);
    expect(reopened.get('k9')).toEqual({ name: 'x', count: 1499 });
    expect(reopened.get('late')).toEqual({ name: 'late', count: 0 });
    await reopened.close();
  });
});
