import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/crypto/keys.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { AuditLog } from '../../src/staff/audit-log.js';
import { BUILT_DIR } from '../helpers/built-project.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = Buffer.alloc(32, 5);
/** A folder name that broke the old entry-point check: a space and Thai letters. */
const FOLDER = 'โครงการ บอท เทศบาล';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runNode(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      {
        cwd,
        env: { PATH: process.env.PATH ?? '', TIP_ENCRYPTION_KEY: KEY.toString('base64'), ...env },
        timeout: 30_000,
      },
      (err, stdout, stderr) => {
        resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/**
 * The project compiled (as `npm run build` does, once per run: test/helpers/build-global-setup.ts)
 * and copied without its source maps into a folder whose path holds a space and Thai letters. tsc
 * emits even when a file elsewhere has a type error; this test is about the entry point.
 */
function builtCopy(): Promise<string> {
  return tempDir('entry-').then((parent) => {
    const project = path.join(parent, FOLDER);
    fs.mkdirSync(project);
    fs.copyFileSync(path.join(PROJECT_ROOT, 'package.json'), path.join(project, 'package.json'));
    fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(project, 'node_modules'));
    fs.cpSync(BUILT_DIR, path.join(project, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.map') });
    return project;
  });
}

/** A DATA_DIR (also under a Thai name) holding an intact audit trail of two entries. */
async function dataDirWithTrail(): Promise<{ dataDir: string; trail: string }> {
  const dataDir = path.join(await tempDir('entry-data-'), 'ข้อมูล บอท');
  const trail = path.join(dataDir, 'state', 'audit.jsonl');
  const audit = await AuditLog.open(trail, deriveKeys(KEY).audit);
  await audit.append(new Date('2026-11-26T03:00:00Z'), 'somchai', 'login');
  await audit.append(new Date('2026-11-26T03:05:00Z'), 'malee', 'tip.status', 'tip:abc', { status: 'closed' });
  await audit.close();
  return { dataDir, trail };
}

let project: string;
beforeAll(async () => {
  project = await builtCopy();
});

describe('commands run from a folder whose path holds a space and Thai letters', () => {
  it('when the trail is intact, then the built audit:verify says so and exits 0', async () => {
    const { dataDir } = await dataDirWithTrail();
    const run = await runNode(['dist/src/cli/audit-verify.js'], project, { DATA_DIR: dataDir });
    expect(run).toEqual({ code: 0, stdout: 'audit trail intact: 2 entries\n', stderr: '' });
  });

  it('when an entry was edited, then the built audit:verify names it and exits non-zero, whichever way it is started', async () => {
    const { dataDir, trail } = await dataDirWithTrail();
    fs.writeFileSync(trail, fs.readFileSync(trail, 'utf8').replace('"malee"', '"somsri"'));
    const link = path.join(await tempDir('entry-link-'), 'ลิงก์ โครงการ');
    fs.symlinkSync(project, link);
    for (const [script, cwd] of [
      ['dist/src/cli/audit-verify.js', project],
      [path.join(project, 'dist', 'src', 'cli', 'audit-verify'), PROJECT_ROOT],
      ['dist/src/cli/audit-verify.js', link],
    ] as const) {
      const run = await runNode([script], cwd, { DATA_DIR: dataDir });
      expect(run, script).toEqual({
        code: 1,
        stdout: '',
        stderr: 'audit trail broken at entry 2: its content was changed\n',
      });
    }
  });

  it.each(['audit-verify', 'import', 'publish', 'staff', 'richmenu'])(
    'when %s gets an unknown option, then one line on stderr and exit 1',
    async (command) => {
      const run = await runNode([`dist/src/cli/${command}.js`, '--colour', 'red'], project, {
        DATA_DIR: path.join(project, 'data'),
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^[\w:]+( refused)?: unknown argument "--colour" \(npm run [\w:]+ -- --help\)\n$/);
    },
  );
});
