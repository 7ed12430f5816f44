import { ConfigError, loadConfig } from '../config.js';
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
    { role: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    { command: 'staff', say: io.err, positionals: true },
  );
  if (!parsed) return 1;
  if (parsed.values.help) return (io.out(USAGE), 0);
  const [command, name] = parsed.positionals;
  const problem = argumentProblem(parsed.positionals, parsed.values.role);
  if (problem) {
    io.err(usageLine('staff', 'staff', problem));
    return 1;
  }
  try {
    const config = loadConfig(env);
    const accounts = new StaffAccounts(
      new AccountStore(accountsFile(config.dataDir)),
      new Set(config.staffTokens.values()),
    );
    const audit = (action: string, who: string, details?: Record<string, string>) =>
      queueAudit(config.dataDir, io.now(), 'command-line', action, `account:${who}`, details);
    switch (command) {
      case 'add': {
        if (!parsed.values.role)
          throw new AccountError('bad_role', 'missing --role (editor, tip-handler, auditor or admin)');
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
        const account = await accounts.setDisabled(name!, command === 'disable', io.now());
        audit(`account.${command}`, account.name);
        io.out(`Account "${account.name}" ${command}d.`);
        return 0;
      }
      case 'unlock': {
        const account = await accounts.unlock(name!, io.now());
        audit('account.unlock', account.name);
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
    if (e instanceof AccountError || e instanceof ConfigError || e instanceof DocumentError) {
      io.err(`staff: ${e.message}`);
      return 1;
    }
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
