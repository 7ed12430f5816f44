import path from 'node:path';
import { loadConfig } from '../config.js';
import { deriveKeys } from '../crypto/keys.js';
import { masterKey } from '../crypto/master-key.js';
import { describeCheck, readAndVerifyAudit } from '../staff/audit-file.js';

/**
 * `npm run audit:verify`: checks the staff audit trail's HMAC chain and head. Exit 0 when
 * intact, 1 when an entry was changed, inserted or removed (the first such entry is named).
 */
export async function main(env: NodeJS.ProcessEnv, out = console.log, err = console.error): Promise<number> {
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

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.env)
    .then((code) => process.exit(code))
    .catch((e: Error) => {
      console.error(`audit:verify failed: ${e.message}`);
      process.exit(1);
    });
}
