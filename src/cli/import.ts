import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readContentDocuments, writeContentDocument } from '../content/content-files.js';
import { mismatchLine, reportAgency, townNameMismatches } from '../content/import/town-names.js';
import { parseDocument } from '../content/importer.js';
import type { ContentDocument } from '../content/model.js';
import { SHIPPED_DATA_DIR } from '../paths.js';
import { publishImported } from '../publications/from-document.js';
import { parseOrSay, runCommand } from './command-line.js';

const USAGE = 'usage: npm run import -- FILE [FILE...] [--publish]';

/** Where output goes and what relative paths are relative to; tests pass their own. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
}

/**
 * The data folder the content is written under (`<DATA_DIR>/content/`). A stand-in until the
 * command reads `loadConfig()` like `npm start` does; an empty DATA_DIR counts as unset.
 */
export function dataDirFrom(env: NodeJS.ProcessEnv): string {
  return env.DATA_DIR || 'data';
}

/**
 * `npm run import -- FILE [FILE...]`: parses every file first and writes only when all of them
 * parsed, so a broken document leaves the content as it was. One line per file on stdout;
 * on failure one line on stderr naming the file and where it broke. Returns the exit code
 * (0 done, 1 bad arguments, refused or failed).
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo = processIo()): Promise<number> {
  // --publish: each imported document also goes to its topic's subscribers (src/publications/from-document.ts).
  const args = parseOrSay(
    argv,
    { publish: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    { command: 'import', label: 'import refused', say: io.err, positionals: true },
  );
  if (!args) return 1;
  if (args.values.help) {
    io.out(USAGE);
    return 0;
  }
  const publish = args.values.publish === true;
  const files = args.positionals;
  if (files.length === 0) {
    io.err(`import refused: no file given; ${USAGE}`);
    return 1;
  }
  const parsed: { file: string; doc: ContentDocument }[] = [];
  for (const file of files) {
    try {
      const text = await readSource(path.resolve(io.cwd, file));
      parsed.push({ file, doc: parseDocument(text, file) });
    } catch (error) {
      io.err(`import failed: ${file}: ${messageOf(error)}`);
      return 1;
    }
  }
  const dataDir = path.resolve(io.cwd, dataDirFrom(env));
  const known = [...(await existingContent(dataDir)), ...parsed.map((p) => p.doc)];
  for (const { file, doc } of parsed) {
    try {
      await writeContentDocument(dataDir, doc);
    } catch (error) {
      io.err(`import failed: ${file}: cannot write content: ${messageOf(error)}`);
      return 1;
    }
    io.out(`imported ${path.basename(file)} → ${doc.id}: ${describe(doc)}`);
    for (const mismatch of townNameMismatches(doc, reportAgency(doc, known))) io.err(mismatchLine(mismatch));
    if (!publish) continue;
    try {
      io.out(await publishImported(doc, dataDir));
    } catch (error) {
      io.err(`publish failed: ${file}: ${messageOf(error)}`);
      return 1;
    }
  }
  return 0;
}

/** "ITA 2568 (93.05), 3 measures, announcement with 2 sections" */
export function describe(doc: ContentDocument): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const ita = doc.ita ? `ITA ${doc.ita.fiscalYear} (${doc.ita.score.toFixed(2)})` : 'no ITA result';
  const announcement = doc.announcement
    ? `announcement with ${plural(doc.announcement.sections.length, 'section')}`
    : 'no announcement';
  return `${ita}, ${plural(doc.measures.length, 'measure')}, ${announcement}`;
}

/** Content already there (shipped and imported), to compare town names with; none when unreadable. */
async function existingContent(dataDir: string): Promise<ContentDocument[]> {
  const read = (dir: string) => readContentDocuments(dir).catch(() => []);
  return [...(await read(SHIPPED_DATA_DIR)), ...(await read(dataDir))];
}

/** The file's text, refusing bytes that are not UTF-8 (a mis-saved file would import as garbage). */
async function readSource(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      ENOENT: 'no such file',
      EISDIR: 'is a folder',
      EACCES: 'permission denied',
    };
    throw new Error(`cannot read: ${(code && reasons[code]) ?? messageOf(error)}`);
  }
  try {
    // ignoreBOM keeps a byte-order mark in the text, so the recorded sha256 is of the exact bytes.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error('not UTF-8 text (save the document as UTF-8)');
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
  };
}

runCommand(import.meta.url, 'import', (argv) => main(argv, process.env));
