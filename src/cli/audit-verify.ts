import path from 'node:path';
import { loadConfig } from '../config.js';
import { deriveKeys } from '../crypto/keys.js';
import { masterKey } from '../crypto/master-key.js';
import { describeCheck, readAndVerifyAudit } from '../staff/audit-file.js';
import { parseOrSay, runCommand } from './command-line.js';

const USAGE =
  'usage: npm run audit:verify   (no arguments; checks DATA_DIR/state/audit.jsonl with the key from TIP_ENCRYPTION_KEY)';

/**
 * `npm run audit:verify`: checks the staff audit trail's HMAC chain and head. Exit 0 when
 * intact, 1 when an entry was changed, inserted or removed (the first such entry is named),
 * and 1 with one line on stderr for any argument.
 */
export async function main(
  env: NodeJS.ProcessEnv,
  out = console.log,
  err = console.error,
  argv: readonly string[] = [],
): Promise<number> {
  const args = parseOrSay(argv, { help: { type: 'boolean', short: 'h' } }, { command: 'audit:verify', say: err });
  if (!args) return 1;
  if (args.values.help) {
    out(USAGE);
    return 0;
  }
  const config = loadConfig(env);
  const file = path.join(config.dataDir, 'state', 'audit.jsonl');
  const keys = deriveKeys(await masterKey(config));
  const { check } = await readAndVerifyAudit(file, keys.audit);
  if (check.ok) {
    out(describeCheck(check));
    return 0;
  }
  err(describeCheck(check));
  return 1;
}

runCommand(import.meta.url, 'audit:verify', (argv) => main(process.env, console.log, console.error, argv));
