import { ConfigError, loadConfig } from '../config.js';
import { requireDatabase } from '../db/database-config.js';
import { migrate } from '../db/migrate.js';
import { openPool } from '../db/pool.js';
import { TENANT_ID, TenantError, TenantRepository, type Tenant } from '../db/tenants.js';
import { processIo, type CommandIo } from './command-io.js';
import { parseOrSay, runCommand, usageLine } from './command-line.js';

const USAGE = [
  'usage: npm run tenant -- add ID --name NAME --channel-secret S --access-token T   add a municipality',
  '       npm run tenant -- rename ID --name NAME   the name its pages and chat show',
  '       npm run tenant -- list | suspend ID | resume ID',
  'NAME: 1-100 characters, no control characters (e.g. "เทศบาลตำบลบ้านใหม่").',
  'ID: 2-32 of a-z, 0-9 and - (its webhook is /webhook/ID). Needs DATABASE_URL and SERVICE_KEY.',
].join('\n');

const OPTIONS = {
  name: { type: 'string' },
  'channel-secret': { type: 'string' },
  'access-token': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
type Values = { name?: string; 'channel-secret'?: string; 'access-token'?: string };

/**
 * `npm run tenant`: the service administrator's municipalities. One line on stdout per action;
 * bad input, an unknown tenant or no DATABASE_URL is one line on stderr and exit 1. No line
 * ever holds a channel secret or access token: they are sealed before they reach the database.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CommandIo = processIo(),
): Promise<number> {
  const parsed = parseOrSay(argv, OPTIONS, { command: 'tenant', say: io.err, positionals: true });
  if (!parsed) return 1;
  if (parsed.values.help) return (io.out(USAGE), 0);
  const problem = argumentProblem(parsed.positionals, parsed.values);
  if (problem) return (io.err(usageLine('tenant', 'tenant', problem)), 1);
  try {
    const database = requireDatabase(loadConfig(env));
    await migrate(database.url);
    const pool = openPool(database.url, { max: 1 });
    try {
      await act(new TenantRepository(pool, database.serviceKey), parsed.positionals, parsed.values, io);
    } finally {
      await pool.end();
    }
    return 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof TenantError) return (io.err(`tenant: ${e.message}`), 1);
    throw e;
  }
}

async function act(
  tenants: TenantRepository,
  [command, id]: readonly string[],
  values: Values,
  io: CommandIo,
): Promise<void> {
  switch (command) {
    case 'add': {
      const t = await tenants.add({
        id: id!,
        name: values.name!,
        channelSecret: values['channel-secret']!,
        accessToken: values['access-token']!,
      });
      return io.out(`tenant "${t.id}" added (${t.name}), active; its LINE webhook is /webhook/${t.id}`);
    }
    case 'rename': {
      const t = await tenants.rename(id!, values.name!);
      return io.out(`tenant "${t.id}" is now named ${t.name}`);
    }
    case 'suspend':
    case 'resume': {
      const t = await tenants.setStatus(id!, command === 'suspend' ? 'suspended' : 'active');
      return io.out(command === 'suspend' ? `tenant "${t.id}" suspended` : `tenant "${t.id}" resumed (active)`);
    }
    default: {
      const all = await tenants.list();
      if (all.length === 0) io.out('no tenants yet (npm run tenant -- add ID --name NAME ...)');
      for (const t of all) io.out(listLine(t));
    }
  }
}

/** id, status, name and when it was added: never a secret. */
const listLine = (t: Tenant) => `${t.id}\t${t.status}\t${t.name}\tadded ${t.createdAt.toISOString()}`;

/** The options each command needs (and the only ones it takes). */
const NEEDS: Record<string, ReadonlyArray<keyof Values>> = {
  add: ['name', 'channel-secret', 'access-token'],
  rename: ['name'],
};

/** What is wrong with the words after `npm run tenant --`, or null when they make a command. */
function argumentProblem(positionals: readonly string[], values: Values): string | null {
  const [command, id, ...extra] = positionals;
  if (!command) return 'no command given (add, rename, list, suspend, resume)';
  if (!['add', 'rename', 'list', 'suspend', 'resume'].includes(command))
    return `unknown command "${command}" (add, rename, list, suspend, resume)`;
  if (command === 'list' ? id !== undefined : extra.length > 0) return `unexpected argument "${extra[0] ?? id}"`;
  if (command !== 'list' && !id) return `${command} needs a tenant id`;
  if (id !== undefined && !TENANT_ID.test(id)) return `tenant id "${id.slice(0, 40)}" must be 2-32 of a-z, 0-9 and -`;
  const needs = NEEDS[command] ?? [];
  const given = (['name', 'channel-secret', 'access-token'] as const).filter((k) => values[k] !== undefined);
  const stray = given.find((k) => !needs.includes(k));
  if (stray) return `--${stray} goes only with ${stray === 'name' ? 'add or rename' : 'add'}`;
  const missing = needs.find((k) => !values[k]?.trim());
  return missing ? `${command} needs --${missing}` : null;
}

runCommand(import.meta.url, 'tenant', (argv) => main(argv, process.env));
