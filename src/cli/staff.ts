import { ConfigError, loadConfig, type Config } from '../config.js';
import { PostgresAccountStore } from '../db/account-store-postgres.js';
import { PostgresAuditTrail } from '../db/audit-trail-postgres.js';
import { requireDatabase } from '../db/database-config.js';
import { openPool } from '../db/pool.js';
import { tenantScope } from '../db/postgres-stores.js';
import { TENANT_ID, TenantError, TenantRepository } from '../db/tenants.js';
import { AccountStore, accountsFile } from '../staff/account-store.js';
import { AccountError, StaffAccounts } from '../staff/accounts.js';
import { queueAudit } from '../staff/audit-pending.js';
import { DocumentError } from '../storage/json-document.js';
import { parseOrSay, runCommand, usageLine } from './command-line.js';

const USAGE = [
  'usage: npm run staff -- add NAME --role ROLE     create an account; prints a one-time password',
  '       npm run staff -- reset NAME               new one-time password (ends its sessions, unlocks)',
  '       npm run staff -- disable NAME | enable NAME | unlock NAME',
  '       npm run staff -- list',
  '       add --tenant ID to any of these for a municipality of the shared service (needs DATABASE_URL, SERVICE_KEY)',
  'roles: editor (publications), tip-handler (tips), auditor (reports, audit trail; read-only), admin (accounts)',
].join('\n');

export interface StaffCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  now(): Date;
}

/**
 * `npm run staff`: console accounts from the command line (the first admin, or recovering a
 * locked-out one). Passwords are printed once and stored only as scrypt hashes; each change
 * is queued for the audit trail as done by "command-line". Returns the exit code (0 done,
 * 1 bad arguments or refused); bad input or a refusal is one line on stderr.
 */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: StaffCliIo = processIo(),
): Promise<number> {
  const parsed = parseOrSay(
    argv,
    { role: { type: 'string' }, tenant: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    { command: 'staff', say: io.err, positionals: true },
  );
  if (!parsed) return 1;
  if (parsed.values.help) return (io.out(USAGE), 0);
  const [command, name] = parsed.positionals;
  const tenant = parsed.values.tenant;
  const problem =
    argumentProblem(parsed.positionals, parsed.values.role) ??
    (tenant !== undefined && !TENANT_ID.test(tenant) ? '--tenant needs an ID (2-32 of a-z, 0-9 and -)' : null);
  if (problem) {
    io.err(usageLine('staff', 'staff', problem));
    return 1;
  }
  let place: AccountsPlace | undefined;
  try {
    place = await openPlace(loadConfig(env), tenant, io);
    const { accounts, audit } = place;
    switch (command) {
      case 'add': {
        if (!parsed.values.role)
          throw new AccountError('bad_role', 'missing --role (editor, tip-handler, auditor or admin)');
        const { account, password } = await accounts.create(name!, parsed.values.role, io.now());
        await audit('account.create', account.name, { role: account.role });
        printPassword(io, `Account "${account.name}" (${account.role}) created.`, password);
        return 0;
      }
      case 'reset': {
        const { account, password } = await accounts.resetPassword(name!, io.now());
        await audit('account.reset', account.name);
        printPassword(io, `Password of "${account.name}" reset; its sessions have ended.`, password);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const account = await accounts.setDisabled(name!, command === 'disable', io.now());
        await audit(`account.${command}`, account.name);
        io.out(`Account "${account.name}" ${command}d.`);
        return 0;
      }
      case 'unlock': {
        const account = await accounts.unlock(name!, io.now());
        await audit('account.unlock', account.name);
        io.out(`Account "${account.name}" unlocked.`);
        return 0;
      }
      case 'list':
        for (const a of await accounts.list())
          io.out(
            `${a.name}\t${a.role}${a.disabled ? '\tdisabled' : ''}${a.mustChange ? '\tone-time password not yet changed' : ''}`,
          );
        return 0;
      default:
        io.err(usageLine('staff', 'staff', `unknown command "${command}" (add, reset, disable, enable, unlock, list)`));
        return 1;
    }
  } catch (e) {
    if (
      e instanceof AccountError ||
      e instanceof ConfigError ||
      e instanceof DocumentError ||
      e instanceof TenantError
    ) {
      io.err(`staff: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await place?.close();
  }
}

/** Where the accounts are changed and each change is recorded as done by "command-line". */
interface AccountsPlace {
  accounts: StaffAccounts;
  audit: (action: string, who: string, details?: Record<string, string>) => Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The single town's accounts file, its changes queued for the running bot to move into the
 * audit chain; or a tenant's rows in PostgreSQL, whose audit chain takes any process's entries.
 */
async function openPlace(config: Config, tenant: string | undefined, io: StaffCliIo): Promise<AccountsPlace> {
  const reserved = new Set(config.staffTokens.values());
  if (tenant === undefined)
    return {
      accounts: new StaffAccounts(new AccountStore(accountsFile(config.dataDir)), reserved),
      audit: async (action, who, details) =>
        queueAudit(config.dataDir, io.now(), 'command-line', action, `account:${who}`, details),
      close: async () => undefined,
    };
  const database = requireDatabase(config);
  const pool = openPool(database.url, { max: 2 });
  try {
    const scope = await tenantScope(pool, new TenantRepository(pool, database.serviceKey), tenant);
    const trail = new PostgresAuditTrail(scope);
    return {
      accounts: new StaffAccounts(new PostgresAccountStore(scope), reserved),
      audit: (action, who, details) => trail.append(io.now(), 'command-line', action, `account:${who}`, details),
      close: () => pool.end(),
    };
  } catch (e) {
    await pool.end();
    throw e;
  }
}

function printPassword(io: StaffCliIo, headline: string, password: string): void {
  io.out(headline);
  io.out(`One-time password: ${password}`);
  io.out(
    'Log in at /staff/login; the console asks for a new password first. This password is not stored and is shown only now.',
  );
}

/** What is wrong with the words after `npm run staff --`, or null when they make a command. */
function argumentProblem(positionals: readonly string[], role: string | undefined): string | null {
  const [command, name, ...extra] = positionals;
  if (!command) return 'no command given';
  if (command !== 'list' && !name) return `${command} needs an account name`;
  if (extra.length > 0 || (command === 'list' && name)) return `unexpected argument "${extra[0] ?? name}"`;
  if (command !== 'add' && role !== undefined) return '--role goes only with add';
  return null;
}

function processIo(): StaffCliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
  };
}

runCommand(import.meta.url, 'staff', (argv) => main(argv, process.env));
