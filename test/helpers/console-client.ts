import { AccountStore, accountsFile } from '../../src/staff/account-store.js';
import { StaffAccounts } from '../../src/staff/accounts.js';

/**
 * A browser-less console user: keeps its cookie, reads the CSRF token from the last page,
 * posts forms as a browser would (urlencoded, same origin), follows no redirects.
 */
export class ConsoleClient {
  cookie = '';
  csrf = '';
  last = '';

  constructor(readonly baseUrl: string) {}

  async get(path: string): Promise<Response> {
    const res = await fetch(this.baseUrl + path, { headers: this.headers(), redirect: 'manual' });
    return this.keep(res);
  }

  /** Posts a form; `_csrf` is added from the last page unless `fields` sets it (or `csrf: false`). */
  async post(
    path: string,
    fields: Record<string, string> = {},
    opts: { csrf?: boolean; origin?: string } = {},
  ): Promise<Response> {
    const body = new URLSearchParams(opts.csrf === false ? fields : { _csrf: this.csrf, ...fields });
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: {
        ...this.headers(),
        'content-type': 'application/x-www-form-urlencoded',
        origin: opts.origin ?? this.baseUrl,
      },
      body,
      redirect: 'manual',
    });
    return this.keep(res);
  }

  /** Logs in (and sets a new password when `newPassword` is given and one is asked for). */
  async login(name: string, password: string, newPassword?: string): Promise<Response> {
    await this.get('/staff/login');
    const res = await this.post('/staff/login', { name, password });
    if (res.headers.get('location') === '/staff/password' && newPassword) {
      await this.get('/staff/password');
      return this.post('/staff/password', { current: password, next: newPassword, confirm: newPassword });
    }
    return res;
  }

  private headers(): Record<string, string> {
    return this.cookie ? { cookie: this.cookie } : {};
  }

  private async keep(res: Response): Promise<Response> {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      this.cookie = /Max-Age=0/i.test(c) ? '' : pair!;
    }
    const text = await res.text();
    this.last = text;
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return new Response(text, { status: res.status, headers: res.headers });
  }
}

/** Creates a console account straight in DATA_DIR (the running bot sees it at once). */
export async function createAccount(dataDir: string, name: string, role: string, now = new Date()): Promise<string> {
  const accounts = new StaffAccounts(new AccountStore(accountsFile(dataDir)));
  return (await accounts.create(name, role, now)).password;
}

/** An account that has already replaced its one-time password with `password`. */
export async function createReadyAccount(
  dataDir: string,
  name: string,
  role: string,
  password = 'Strong-Pass-2569-Phonsai',
): Promise<string> {
  const accounts = new StaffAccounts(new AccountStore(accountsFile(dataDir)));
  const { password: once } = await accounts.create(name, role, new Date());
  await accounts.changePassword(name, once, password, new Date());
  return password;
}
