import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { deriveKeys } from '../crypto/keys.js';
import { masterKey } from '../crypto/master-key.js';
import { requireDatabase } from '../db/database-config.js';
import { migrate } from '../db/migrate.js';
import { openPool } from '../db/pool.js';
import { postgresStores, tenantScope } from '../db/postgres-stores.js';
import { TENANT_ID, TenantError, TenantRepository } from '../db/tenants.js';
import { copyTownToPostgres, type CopyResult } from '../db/town-copy.js';
import { adoptTownKey } from '../db/town-key.js';
import { processIo, type CommandIo } from './command-io.js';
import { parseOrSay, runCommand, usageLine } from './command-line.js';

const USAGE = [
  'usage: npm run migrate-to-postgres -- --tenant ID',
  "Copies this town's DATA_DIR (tips, audit trail, console accounts, waiting webhook events) into tenant ID,",
  "after the bot has stopped. The tenant takes the town's TIP_ENCRYPTION_KEY as its data key. Running it again",
  "copies nothing. Needs DATABASE_URL, SERVICE_KEY, DATA_DIR and the town's TIP_ENCRYPTION_KEY.",
].join('\n');

const OPTIONS = { tenant: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/**
 * `npm run migrate-to-postgres`: one line per store (counts in the files and the database,
 * how many copied, whether the contents match), exit 1 when any store differs. Never prints a
 * record, a key or the database URL.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CommandIo = processIo(),
): Promise<number> {
  const parsed = parseOrSay(argv, OPTIONS, { command: 'migrate-to-postgres', say: io.err });
  if (!parsed) return 1;
  if (parsed.values.help) return (io.out(USAGE), 0);
  const id = parsed.values.tenant;
  if (!id || !TENANT_ID.test(id))
    return (
      io.err(usageLine('migrate-to-postgres', 'migrate-to-postgres', 'needs --tenant ID (2-32 of a-z, 0-9 and -)')),
      1
    );
  try {
    const config = loadConfig(env);
    const results = await copyTown(config, id);
    for (const r of results) io.out(resultLine(r));
    const differ = results.filter((r) => !r.same).map((r) => r.store);
    if (differ.length)
      return (io.err(`migrate-to-postgres: ${differ.join(', ')} differ between the files and the database`), 1);
    return 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof TenantError || e instanceof TownError)
      return (io.err(`migrate-to-postgres: ${e.message}`), 1);
    throw e;
  }
}

class TownError extends Error {}

async function copyTown(config: Config, tenantId: string): Promise<CopyResult[]> {
  const database = requireDatabase(config);
  // A demo town's key is a file in DATA_DIR: never make a new one here, it would open nothing
  if (!config.tipEncryptionKey && !fs.existsSync(path.join(config.dataDir, 'keys', 'demo-data.key')))
    throw new TownError(`no TIP_ENCRYPTION_KEY and no demo key in ${config.dataDir}: nothing this command could open`);
  const townKey = await masterKey(config);
  await migrate(database.url);
  const pool = openPool(database.url, { max: 2 });
  try {
    const tenants = new TenantRepository(pool, database.serviceKey);
    await adoptTownKey(pool, tenants, tenantId, townKey);
    const stores = postgresStores(await tenantScope(pool, tenants, tenantId), { clock: () => new Date() });
    return await copyTownToPostgres(config.dataDir, deriveKeys(townKey), stores);
  } finally {
    await pool.end();
  }
}

/** "tips: 12 in files, 12 in the database, 12 copied, same content" */
const resultLine = (r: CopyResult) =>
  `${r.store}: ${r.files} in files, ${r.database} in the database, ${r.copied} copied, ${r.same ? 'same content' : 'CONTENT DIFFERS'}`;

runCommand(import.meta.url, 'migrate-to-postgres', (argv) => main(argv, process.env));
