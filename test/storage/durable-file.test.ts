import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renameDurably, writeFileDurably, writeFileDurablySync } from '../../src/storage/durable-file.js';
import { tempDir } from '../helpers/temp-dir.js';
import { durableWrites, modeOf as mode, probeFlushes } from './flush-probe.js';

afterEach(() => vi.restoreAllMocks());

describe('writeFileDurably', () => {
  it('when a file is written, then the content is flushed before the rename and the folder after it', async () => {
    const file = path.join(await tempDir('durable-'), 'doc.json');
    const steps = await probeFlushes();
    await writeFileDurably(file, '{"a":1}\n');
    expect(steps).toEqual(durableWrites(1));
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":1}\n');
  });

  it('when it creates the file and its folders, then they are 0600 and 0700 and no temp file is left', async () => {
    const root = await tempDir('durable-');
    const file = path.join(root, 'a', 'b', 'img.png');
    await writeFileDurably(file, Buffer.from([1, 2, 3]));
    expect(fs.readFileSync(file)).toEqual(Buffer.from([1, 2, 3]));
    expect(mode(file)).toBe(0o600);
    expect(mode(path.join(root, 'a'))).toBe(0o700);
    expect(mode(path.join(root, 'a', 'b'))).toBe(0o700);
    expect(fs.readdirSync(path.join(root, 'a', 'b'))).toEqual(['img.png']);
  });

  it('when the rename fails, then the error is thrown, the temp file is removed and the old content stays', async () => {
    const dir = await tempDir('durable-');
    const file = path.join(dir, 'doc.json');
    fs.writeFileSync(file, 'old\n');
    vi.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' }));
    await expect(writeFileDurably(file, 'new\n')).rejects.toThrow(/EIO/);
    expect(fs.readdirSync(dir)).toEqual(['doc.json']);
    expect(fs.readFileSync(file, 'utf8')).toBe('old\n');
  });

  it('when the target is a folder, then the write fails without leaving a temp file (sync and async)', async () => {
    const dir = await tempDir('durable-');
    fs.mkdirSync(path.join(dir, 'taken', 'inside'), { recursive: true });
    await expect(writeFileDurably(path.join(dir, 'taken'), 'x')).rejects.toThrow();
    expect(() => writeFileDurablySync(path.join(dir, 'taken'), 'x')).toThrow();
    expect(fs.readdirSync(dir)).toEqual(['taken']);
  });

  it('when a create-only write finds the file there, then EEXIST and the first content is kept', async () => {
    const dir = await tempDir('durable-');
    const file = path.join(dir, 'key');
    await writeFileDurably(file, 'first', { exclusive: true });
    await expect(writeFileDurably(file, 'second', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(() => writeFileDurablySync(file, 'third', { exclusive: true })).toThrow(/EEXIST/);
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
    expect(fs.readdirSync(dir)).toEqual(['key']);
  });

  it('when many writes of one file overlap, then they land one at a time in call order', async () => {
    const file = path.join(await tempDir('durable-'), 'doc.txt');
    const renames: string[] = [];
    const realRename = fsp.rename;
    vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      renames.push(fs.readFileSync(from, 'utf8'));
      return realRename(from, to);
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileDurably(file, String(i))));
    expect(renames).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(fs.readFileSync(file, 'utf8')).toBe('19');
  });

  it('when a flushed file is moved over its target, then the folder is flushed after the rename', async () => {
    const dir = await tempDir('durable-');
    fs.writeFileSync(path.join(dir, 'snapshot.tmp'), 'new');
    fs.writeFileSync(path.join(dir, 'log.jsonl'), 'old');
    const steps = await probeFlushes();
    await renameDurably(path.join(dir, 'snapshot.tmp'), path.join(dir, 'log.jsonl'));
    expect(steps).toEqual(['rename', 'sync folder']);
    expect(fs.readdirSync(dir)).toEqual(['log.jsonl']);
    expect(fs.readFileSync(path.join(dir, 'log.jsonl'), 'utf8')).toBe('new');
  });

  it('when the sync writer writes, then the file is flushed and renamed into place with mode 0600', async () => {
    const dir = await tempDir('durable-');
    const file = path.join(dir, 'sub', 'doc.json');
    const steps = await probeFlushes();
    writeFileDurablySync(file, 'text');
    expect(steps).toEqual(durableWrites(1));
    expect(fs.readFileSync(file, 'utf8')).toBe('text');
    expect(mode(file)).toBe(0o600);
    expect(mode(path.join(dir, 'sub'))).toBe(0o700);
  });
});
