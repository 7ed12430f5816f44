import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirFrom, main, type CliIo } from '../../src/cli/import.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { SEED_PATH, fixturePath } from '../content/document-fixtures.js';
import { tempDir } from '../helpers/temp-dir.js';

const SEED_ID = 'doc-939d533d8bc0';

/** Runs the command with DATA_DIR in a fresh temp folder, capturing its output. */
async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[]; dataDir: string }> {
  const dataDir = await tempDir('import-cli-');
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), cwd: PROJECT_ROOT };
  const code = await main(args, { DATA_DIR: dataDir }, io);
  return { code, out, err, dataDir };
}

describe('npm run import', () => {
  it('when the seed is imported, then it writes one content file, prints one summary line and warns of each town-name mismatch', async () => {
    const { code, out, err, dataDir } = await run([SEED_PATH]);
    expect({ code, err }).toEqual({
      code: 0,
      err: ['the announcement heading', 'the announcement text'].map(
        (where) =>
          `warning: 000_71193bff46793098.txt: ${where} names the municipality "เทศบาลตำบลโพธาราย", the ITA report "เทศบาลตำบลโพนทราย" (imported as written; staff can publish a correction)`,
      ),
    });
    expect(out).toEqual([
      `imported 000_71193bff46793098.txt → ${SEED_ID}: ITA 2568 (93.05), 3 measures, announcement with 2 sections`,
    ]);
    expect(await readdir(path.join(dataDir, 'content'))).toEqual([`${SEED_ID}.json`]);
  });

  it('when the seed is re-imported, then the result is byte-for-byte the shipped data/content file', async () => {
    const { code, dataDir } = await run([SEED_PATH]);
    expect(code).toBe(0);
    const fresh = await readFile(path.join(dataDir, 'content', `${SEED_ID}.json`));
    const shipped = await readFile(path.join(PROJECT_ROOT, 'data', 'content', `${SEED_ID}.json`));
    expect(fresh.equals(shipped)).toBe(true);
  });

  it('when a document is broken, then one line names the file and line, exit is 1 and nothing is written', async () => {
    const file = fixturePath('missing-columns.txt');
    const { code, out, err, dataDir } = await run([file]);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([`import failed: ${file}: line 11: measure row ๒ has 6 columns, expected 8`]);
    expect(existsSync(path.join(dataDir, 'content'))).toBe(false);
  });

  it('when one of several files is broken, then none of them is written', async () => {
    const { code, err, dataDir } = await run([SEED_PATH, fixturePath('unknown-month.txt')]);
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/unknown-month\.txt: line 9: date line: unknown Thai month "มกราคาม"$/);
    expect(existsSync(path.join(dataDir, 'content'))).toBe(false);
  });

  it('when two good files are given, then both are written with one line each', async () => {
    const { code, out, dataDir } = await run([SEED_PATH, fixturePath('other-agency.txt')]);
    expect(code).toBe(0);
    expect(out).toHaveLength(2);
    expect(out[1]).toMatch(
      /^imported other-agency\.txt → doc-[0-9a-f]{12}: ITA 2567 \(88\.50\), 2 measures, announcement with 1 section$/,
    );
    expect(await readdir(path.join(dataDir, 'content'))).toHaveLength(2);
  });

  it('when the file does not exist, then it says so in one line without a stack trace', async () => {
    const { code, err } = await run(['no/such/file.txt']);
    expect(code).toBe(1);
    expect(err).toEqual(['import failed: no/such/file.txt: cannot read: no such file']);
  });

  it('when the file is not UTF-8, then it is refused', async () => {
    const file = path.join(await tempDir('import-cli-'), 'latin1.txt');
    await writeFile(file, Buffer.from([0x50, 0x68, 0xe9, 0x0a]));
    const { code, err } = await run([file]);
    expect(code).toBe(1);
    expect(err).toEqual([`import failed: ${file}: not UTF-8 text (save the document as UTF-8)`]);
  });

  it.each([
    [[], 'import refused: no file given; usage: npm run import -- FILE [FILE...] [--publish]'],
    [['--', '--publsh', 'a.txt'], 'import refused: unknown argument "--publsh" (npm run import -- --help)'],
    [['a.txt', '--publish=yes'], 'import refused: --publish takes no value (npm run import -- --help)'],
  ])('when the arguments are %j, then one line on stderr, exit 1 and nothing written', async (args, line) => {
    const { code, out, err, dataDir } = await run(args);
    expect({ code, out, err }).toEqual({ code: 1, out: [], err: [line] });
    expect(existsSync(path.join(dataDir, 'content'))).toBe(false);
  });

  it('when --help is given, then the usage goes to stdout and the exit is 0', async () => {
    expect(await run(['--help'])).toMatchObject({
      code: 0,
      out: ['usage: npm run import -- FILE [FILE...] [--publish]'],
      err: [],
    });
  });

  it('when DATA_DIR is unset or empty, then content goes under ./data', () => {
    expect(dataDirFrom({})).toBe('data');
    expect(dataDirFrom({ DATA_DIR: '' })).toBe('data');
    expect(dataDirFrom({ DATA_DIR: '/srv/bot' })).toBe('/srv/bot');
  });
});
