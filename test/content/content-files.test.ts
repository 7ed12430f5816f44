import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContentDocuments, writeContentDocument } from '../../src/content/content-files.js';
import { parseDocument } from '../../src/content/importer.js';
import type { ContentDocument } from '../../src/content/model.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fixtureText, seedText } from './document-fixtures.js';

const seed = parseDocument(seedText(), '000_71193bff46793098.txt');
const other = parseDocument(fixtureText('other-agency.txt'), 'other-agency.txt');

async function contentFolderWith(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('content-files-');
  await mkdir(path.join(dir, 'content'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, 'content', name), text);
  return dir;
}

describe('writeContentDocument', () => {
  it('when a document is written, then <dir>/content/<id>.json holds pretty JSON with a trailing newline', async () => {
    const dir = await tempDir('content-files-');
    const written = await writeContentDocument(dir, seed);
    expect(written).toBe(path.join(dir, 'content', `${seed.id}.json`));
    const text = await readFile(written, 'utf8');
    expect(text).toBe(`${JSON.stringify(seed, null, 2)}\n`);
    expect(await readdir(path.join(dir, 'content'))).toEqual([`${seed.id}.json`]);
  });

  it('when the same document is written twice, then the file is replaced and no temp file is left', async () => {
    const dir = await tempDir('content-files-');
    await writeContentDocument(dir, seed);
    const first = await readFile(path.join(dir, 'content', `${seed.id}.json`));
    await writeContentDocument(dir, seed);
    expect(await readFile(path.join(dir, 'content', `${seed.id}.json`))).toEqual(first);
    expect(await readdir(path.join(dir, 'content'))).toEqual([`${seed.id}.json`]);
  });

  it('when the document breaks the content model, then it throws and writes nothing', async () => {
    const dir = await tempDir('content-files-');
    const broken = { ...seed, measures: [{ ...seed.measures[0], title: '' }] } as ContentDocument;
    await expect(writeContentDocument(dir, broken)).rejects.toThrow(/is not valid: measures\.0\.title/);
    await expect(readdir(path.join(dir, 'content'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('readContentDocuments', () => {
  it('when the content folder does not exist, then there are no documents', async () => {
    expect(await readContentDocuments(path.join(await tempDir('content-files-'), 'missing'))).toEqual([]);
  });

  it('when documents were written, then they are read back equal, sorted by file name', async () => {
    const dir = await tempDir('content-files-');
    await writeContentDocument(dir, seed);
    await writeContentDocument(dir, other);
    await writeFile(path.join(dir, 'content', 'README.txt'), 'not content');
    await writeFile(path.join(dir, 'content', `.${seed.id}.123.tmp.json`), '{');
    const docs = await readContentDocuments(dir);
    expect(docs).toEqual([seed, other].sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('when a file is not JSON, then the error names the file', async () => {
    const dir = await contentFolderWith({ 'doc-aaaaaaaaaaaa.json': '{"id": ' });
    await expect(readContentDocuments(dir)).rejects.toThrow(
      `content file ${path.join(dir, 'content', 'doc-aaaaaaaaaaaa.json')} is not readable JSON`,
    );
  });

  it('when a file does not match the content model, then the error names the file and the field', async () => {
    const bad = { ...seed, ita: { ...seed.ita, score: 193 } };
    const dir = await contentFolderWith({ [`${seed.id}.json`]: JSON.stringify(bad) });
    await expect(readContentDocuments(dir)).rejects.toThrow(
      new RegExp(`content file .*${seed.id}\\.json does not match the content model: ita\\.score`),
    );
  });

  it('when a file name does not match the id inside, then it is refused', async () => {
    const dir = await contentFolderWith({ 'doc-000000000000.json': JSON.stringify(seed) });
    await expect(readContentDocuments(dir)).rejects.toThrow(`holds document ${seed.id}`);
  });
});
