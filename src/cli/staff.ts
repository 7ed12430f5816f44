import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { AccountStore, accountsFile } from '../staff/account-store.js';
import { AccountError, StaffAccounts } from '../staff/accounts.js';
import { queueAudit } from '../staff/audit-pending.js';

const USAGE = [
  'usage: npm run staff -- add NAME --role ROLE     create an account; prints a one-time password',
  '       npm run staff -- reset NAME               new one-time password (ends its sessions, unlocks)',
  '       npm run staff -- disable NAME | enable NAME | unlock NAME',
  '       npm run staff -- list',
  'roles: editor (publications), tip-handler (tips), auditor (reports, audit trail; read-only), admin (accounts)',
].join('\n');

export interface StaffCliIo {
  out(line: string): void;
  err(line: string): void;
  now(): Date;
}

/**
 * `npm run staff`: console accounts from the command line (the first admin, or recovering a
 * locked-out one). Passwords are printed once and stored only as scrypt hashes; each change
 * is queued for the audit trail as done by "command-line". Returns the exit code (0 done,
 * 1 refused, 2 usage); a refusal is one line on stderr.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: StaffCliIo = processIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv.filter((a) => a !== '--'), allowPositionals: true, options: { role: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.err(`staff: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, name, ...extra] = parsed.positionals;
  if (parsed.values.help) return io.out(USAGE), 0;
  const needsName = command !== 'list';
  if (!command || (needsName && !name) || extra.length > 0 || (command !== 'add' && parsed.values.role !== undefined)) {
    io.err(USAGE);
    return 2;
  }
  try {
    const config = loadConfig(env);
    const accounts = new StaffAccounts(new AccountStore(accountsFile(config.dataDir)), new Set(config.staffTokens.values()));
    const audit = (action: string, who: string, details?: Record<string, string>) => queueAudit(config.dataDir, io.now(), 'command-line', action, `account:${who}`, details);
    switch (command) {
      case 'add': {
        if (!parsed.values.role) throw new AccountError('bad_role', 'missing --role (editor, tip-handler, auditor or admin)');
        const { account, password } = await accounts.create(name!, parsed.values.role, io.now());
        audit('account.create', account.name, { role: account.role });
        printPassword(io, `Account "${account.name}" (${account.role}) created.`, password);
        return 0;
      }
      case 'reset': {
        const { account, password } = await accounts.resetPassword(name!, io.now());
        audit('account.reset', account.name);
        printPassword(io, `Password of "${account.name}" reset; its sessions have ended.`, password);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const account = accounts.setDisabled(name!, command === 'disable', io.now());
        audit(`account.${command}`, account.name);
        io.out(`Account "${account.name}" ${command}d.`);
        return 0;
      }
      case 'unlock': {
        const account = accounts.unlock(name!, io.now());
        audit('account.unlock', account.name);
        io.out(`Account "${account.name}" unlocked.`);
        return 0;
      }
      case 'list':
        for (const a of accounts.list()) io.out(`${a.name}\t${a.role}${a.disabled ? '\tdisabled' : ''}${a.mustChange ? '\tone-time password not yet changed' : ''}`);
        return 0;
      default:
        io.err(`staff: unknown command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof AccountError || e instanceof ConfigError) {
      io.err(`staff: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

function printPassword(io: StaffCliIo, headline: string, password: string): void {
  io.out(headline);
  io.out(`One-time password: ${password}`);
  io.out('Log in at /staff/login; the console asks for a new password first. This password is not stored and is shown only now.');
}

function processIo(): StaffCliIo {
  return { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`), now: () => new Date() };
}

function runDirectly(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (runDirectly()) {
  main(process.argv.slice(2), process.env).then(
    (code) => (process.exitCode = code),
    (e: Error) => {
      process.stderr.write(`staff: ${e.message}\n`);
      process.exitCode = 1;
    },
  );
}
