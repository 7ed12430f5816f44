import { ConfigError, loadConfig } from '../config.js';
import { requireDatabase } from '../db/database-config.js';
import { migrate } from '../db/migrate.js';
import { processIo, type CommandIo } from './command-io.js';
import { parseOrSay, runCommand } from './command-line.js';

const USAGE = 'usage: npm run migrate     applies the schema migrations (migrations/) not yet applied to DATABASE_URL';

/**
 * `npm run migrate`: brings the shared service's database to the current schema. Safe to run
 * again (nothing left to apply) and beside running bots (they wait for one another).
 * One line on stdout; no DATABASE_URL or a bad value is one line on stderr, exit 1.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CommandIo = processIo(),
): Promise<number> {
  const parsed = parseOrSay(argv, { help: { type: 'boolean', short: 'h' } }, { command: 'migrate', say: io.err });
  if (!parsed) return 1;
  if (parsed.values.help) return (io.out(USAGE), 0);
  try {
    const { url } = requireDatabase(loadConfig(env));
    const applied = await migrate(url);
    io.out(
      applied.length ? `migrations applied: ${applied.join(', ')}` : 'migrations: the database is already current',
    );
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) return (io.err(`migrate: ${e.message}`), 1);
    throw e;
  }
}

runCommand(import.meta.url, 'migrate', (argv) => main(argv, process.env));
