import express, { type Request, type Response, type Router } from 'express';
import { AccountError } from '../../staff/accounts.js';
import { auditAs, type ConsoleDeps } from '../console-deps.js';
import { notFoundPage } from '../console-error.js';
import { accountsPage, type AccountsMessage } from '../pages/accounts-page.js';
import { viewerOf } from '../session-middleware.js';

const text = (req: Request, name: string) => {
  const v = (req.body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v.trim() : '';
};

/** /staff/accounts: admins manage the console's accounts; every change is audited. */
export function createAccountsRoutes(deps: ConsoleDeps): Router {
  const router = express.Router();
  const show = async (res: Response, status: number, message?: AccountsMessage) => {
    const accounts = await deps.accounts.list();
    res
      .status(status)
      .type('html')
      .send(String(accountsPage(viewerOf(res), accounts, deps.clock(), message)));
  };

  /** Runs an account change; an AccountError is shown on the page instead of failing it. */
  const change = async (res: Response, run: () => Promise<AccountsMessage>) => {
    try {
      await show(res, 200, await run());
    } catch (err) {
      if (err instanceof AccountError)
        return show(res, err.code === 'unknown' ? 404 : 400, { kind: 'error', text: err.message });
      throw err;
    }
  };

  router.get('/', (_req, res) => show(res, 200));

  router.post('/', (req, res) =>
    change(res, async () => {
      const { account, password } = await deps.accounts.create(text(req, 'name'), text(req, 'role'), deps.clock());
      await auditAs(deps, viewerOf(res).name, 'account.create', `account:${account.name}`, { role: account.role });
      return { kind: 'password', name: account.name, password };
    }),
  );

  router.post('/:name/:action', (req, res) =>
    change(res, async () => {
      const name = String(req.params.name);
      const actor = viewerOf(res).name;
      const now = deps.clock();
      const audit = (action: string, details?: Record<string, string>) =>
        auditAs(deps, actor, action, `account:${name}`, details);
      switch (req.params.action) {
        case 'role': {
          const account = await deps.accounts.setRole(name, text(req, 'role'), now);
          await audit('account.role', { role: account.role });
          return { kind: 'ok', text: `เปลี่ยนบทบาทของ ${name} แล้ว (ต้องเข้าสู่ระบบใหม่)` };
        }
        case 'reset': {
          const { password } = await deps.accounts.resetPassword(name, now);
          await audit('account.reset');
          return { kind: 'password', name, password };
        }
        case 'disable':
        case 'enable':
          await deps.accounts.setDisabled(name, req.params.action === 'disable', now);
          await audit(`account.${req.params.action}`);
          return { kind: 'ok', text: req.params.action === 'disable' ? `ระงับบัญชี ${name} แล้ว` : `เปิดใช้บัญชี ${name} แล้ว` };
        case 'unlock':
          await deps.accounts.unlock(name, now);
          await audit('account.unlock');
          return { kind: 'ok', text: `ปลดล็อกบัญชี ${name} แล้ว` };
        case 'logout':
          await deps.accounts.endSessions(name, now);
          await deps.sessions.destroyAccount(name);
          await audit('account.logout');
          return { kind: 'ok', text: `ให้ ${name} ออกจากระบบทุกอุปกรณ์แล้ว` };
        default:
          throw notFoundPage();
      }
    }),
  );
  return router;
}
