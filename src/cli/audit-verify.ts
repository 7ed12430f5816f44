import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { deriveKeys } from '../crypto/keys.js';
import { masterKey } from '../crypto/master-key.js';
import { PostgresAuditTrail } from '../db/audit-trail-postgres.js';
import { requireDatabase } from '../db/database-config.js';
import { openPool } from '../db/pool.js';
import { tenantScope } from '../db/postgres-stores.js';
import { TENANT_ID, TenantError, TenantRepository } from '../db/tenants.js';
import { describeCheck, readAndVerifyAudit, type AuditCheck } from '../staff/audit-file.js';
import { parseOrSay, runCommand, usageLine } from './command-line.js';

const USAGE = [
  'usage: npm run audit:verify                 checks DATA_DIR/state/audit.jsonl with the key from TIP_ENCRYPTION_KEY',
  "       npm run audit:verify -- --tenant ID  checks tenant ID's trail in the shared service's database",
  '                                            (needs DATABASE_URL and SERVICE_KEY)',
].join('\n');

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
  const args = parseOrSay(
    argv,
    { help: { type: 'boolean', short: 'h' }, tenant: { type: 'string' } },
    { command: 'audit:verify', say: err },
  );
  if (!args) return 1;
  if (args.values.help) {
    out(USAGE);
    return 0;
  }
  const tenant = args.values.tenant;
  if (tenant !== undefined && !TENANT_ID.test(tenant)) {
    err(usageLine('audit:verify', 'audit:verify', '--tenant needs an ID (2-32 of a-z, 0-9 and -)'));
    return 1;
  }
  let check: AuditCheck;
  try {
    const config = loadConfig(env);
    check = tenant === undefined ? await checkFile(config) : await checkTenant(config, tenant);
  } catch (e) {
    // The file check fails as it always has; the tenant check's missing settings and unknown tenant are one line
    if (tenant === undefined || !(e instanceof ConfigError || e instanceof TenantError)) throw e;
    err(`audit:verify: ${e.message}`);
    return 1;
  }
  if (check.ok) {
    out(describeCheck(check));
    return 0;
  }
  err(describeCheck(check));
  return 1;
}

/** The single town's trail, as it is on disk. */
async function checkFile(config: Config): Promise<AuditCheck> {
  const keys = deriveKeys(await masterKey(config));
  return (await readAndVerifyAudit(path.join(config.dataDir, 'state', 'audit.jsonl'), keys.audit)).check;
}

/** A tenant's trail in PostgreSQL, checked under the tenant's own key (opened with SERVICE_KEY). */
async function checkTenant(config: Config, tenantId: string): Promise<AuditCheck> {
  const database = requireDatabase(config);
  const pool = openPool(database.url, { max: 1 });
  try {
    const scope = await tenantScope(pool, new TenantRepository(pool, database.serviceKey), tenantId);
    return await new PostgresAuditTrail(scope).verify();
  } finally {
    await pool.end();
  }
}

runCommand(import.meta.url, 'audit:verify', (argv) => main(process.env, console.log, console.error, argv));
