import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/staff.js';
import { AccountStore, accountsFile } from '../../src/staff/account-store.js';
import { StaffAccounts } from '../../src/staff/accounts.js';
import { pendingAuditFile } from '../../src/staff/audit-pending.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

async function run(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    { TIP_ENCRYPTION_KEY: KEY, ...env },
    { out: (l) => out.push(l), err: (l) => err.push(l), now: () => new Date('2026-01-15T03:00:00Z') },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run staff', () => {
  it('when an account is added, then a one-time password is printed once and only its scrypt hash is stored', async () => {
    const dir = await tempDir();
    const { code, out } = await run(['add', 'Somsri', '--role', 'editor'], { DATA_DIR: dir });
    expect(code).toBe(0);
    const password = /One-time password: (\S+)/.exec(out)![1]!;
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const file = fs.readFileSync(accountsFile(dir), 'utf8');
    expect(file).not.toContain(password);
    expect(file).toContain('scrypt$');
    expect((fs.statSync(accountsFile(dir)).mode & 0o777).toString(8)).toBe('600');
    const accounts = new StaffAccounts(new AccountStore(accountsFile(dir)));
    expect(await accounts.get('somsri')).toMatchObject({ role: 'editor', mustChange: true });
    expect((await accounts.login('somsri', password, new Date())).ok).toBe(true);
    expect(fs.readFileSync(pendingAuditFile(dir), 'utf8')).toContain('"action":"account.create"');
  });

  it.each([
    [['add', 'x', '--role', 'editor'], 'name must be'],
    [['add', 'somchai', '--role', 'boss'], 'role must be one of'],
    [['add', 'somchai'], 'missing --role'],
    [['add'], 'staff: add needs an account name (npm run staff -- --help)'],
    [[], 'staff: no command given'],
    [['list', 'extra'], 'staff: unexpected argument "extra"'],
    [['reset', 'somchai', '--role', 'admin'], 'staff: --role goes only with add'],
    [['frobnicate', 'x'], 'staff: unknown command "frobnicate"'],
    [['add', 'somchai', '--role', 'editor', '--colour', 'red'], 'staff: unknown argument "--colour"'],
    [['add', 'somchai', '--role'], 'staff: --role needs a value'],
    [['reset', 'nobody'], 'no account named'],
  ])('when the input is bad (%j), then one clear line on stderr and exit 1', async (args, text) => {
    const { code, err, out } = await run(args, { DATA_DIR: await tempDir() });
    expect(code).toBe(1);
    expect(err).toContain(text);
    expect(err.split('\n')).toHaveLength(1);
    expect(out).toBe('');
  });

  it('when the accounts file is damaged, then one line names it, exit 1, and the file is left as it was', async () => {
    const dir = await tempDir();
    fs.mkdirSync(path.dirname(accountsFile(dir)), { recursive: true });
    fs.writeFileSync(accountsFile(dir), '{"v":1,"accounts":[');
    const { code, err } = await run(['add', 'somsri', '--role', 'editor'], { DATA_DIR: dir });
    expect(code).toBe(1);
    expect(err).toMatch(/^staff: .*staff-accounts\.json: not valid JSON/);
    expect(fs.readFileSync(accountsFile(dir), 'utf8')).toBe('{"v":1,"accounts":[');
  });

  it('when the name exists already or belongs to a staff API token, then it is refused', async () => {
    const dir = await tempDir();
    expect((await run(['add', 'somsri', '--role', 'editor'], { DATA_DIR: dir })).code).toBe(0);
    const again = await run(['add', 'somsri', '--role', 'admin'], { DATA_DIR: dir });
    expect([again.code, again.err]).toEqual([1, 'staff: an account named "somsri" already exists']);
    const token = await run(['add', 'robot', '--role', 'admin'], {
      DATA_DIR: dir,
      STAFF_TOKENS: `robot:${'t'.repeat(40)}`,
    });
    expect(token.code).toBe(1);
    expect(token.err).toContain('staff API token');
  });

  it('when the configuration is bad, then the one-line configuration error is shown', async () => {
    const { code, err } = await run(['list'], {
      DATA_DIR: path.join(await tempDir(), 'd'),
      LINE_CHANNEL_SECRET: 'only-one',
    });
    expect(code).toBe(1);
    expect(err).toMatch(/^staff: LINE_CHANNEL_ACCESS_TOKEN: must be set too/);
  });

  it('when reset, then a new one-time password works and the old one does not', async () => {
    const dir = await tempDir();
    const first = /One-time password: (\S+)/.exec(
      (await run(['add', 'niran', '--role', 'admin'], { DATA_DIR: dir })).out,
    )![1]!;
    const second = /One-time password: (\S+)/.exec((await run(['reset', 'niran'], { DATA_DIR: dir })).out)![1]!;
    const accounts = new StaffAccounts(new AccountStore(accountsFile(dir)));
    expect((await accounts.login('niran', first, new Date())).ok).toBe(false);
    expect((await accounts.login('niran', second, new Date())).ok).toBe(true);
    expect((await run(['list'], { DATA_DIR: dir })).out).toBe('niran\tadmin\tone-time password not yet changed');
  });
});
