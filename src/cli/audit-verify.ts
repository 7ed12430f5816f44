import path from 'node:path';
import { loadConfig } from '../config.js';
import fs from 'node:fs/promises';
import { deriveKeys } from '../crypto/keys.js';
import { masterKey } from '../crypto/master-key.js';
import { AppendLog } from '../storage/append-log.js';
import { headFile, verifyChain } from '../staff/audit-log.js';

/**
 * `npm run audit:verify`: checks the staff audit trail's HMAC chain and head. Exit 0 when
 * intact, 1 when an entry was changed, inserted or removed (the first such entry is named).
 */
export async function main(env: NodeJS.ProcessEnv, out = console.log, err = console.error): Promise<number> {
  const config = loadConfig(env);
  const file = path.join(config.dataDir, 'state', 'audit.jsonl');
  const keys = deriveKeys(await masterKey(config));
  let records: unknown[];
  let head: unknown = null;
  try {
    ({ records } = await AppendLog.open(file));
    head = JSON.parse(await fs.readFile(headFile(file), 'utf8').catch(() => 'null'));
  } catch (e) {
    err(`audit trail damaged: ${(e as Error).message}`);
    return 1;
  }
  const result = verifyChain(keys.audit, records, head);
  if (result.ok) {
    out(`audit trail intact: ${result.count} entries`);
    return 0;
  }
  err(`audit trail broken at entry ${result.at}: ${result.reason}`);
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.env)
    .then((code) => process.exit(code))
    .catch((e: Error) => {
      console.error(`audit:verify failed: ${e.message}`);
      process.exit(1);
    });
}
