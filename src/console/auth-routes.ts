import express, { type Request, type Response, type Router } from 'express';
import { AccountError, LOCKOUT } from '../staff/accounts.js';
import { memoryLimits } from '../http/shared-limits.js';
import { auditAs, type ConsoleDeps } from './console-deps.js';
import { consoleOf, requireLogin, viewerOf } from './session-middleware.js';
import { clearSessionCookie, setSessionCookie } from './security.js';
import { loginPage, passwordPage } from './pages/login-pages.js';
import { siteOf } from './layout.js';

const field = (req: Request, name: string): string => {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/**
 * Login, logout (here or everywhere) and the password form. The login page gets a visitor
 * session only to hold its CSRF token; a successful login starts a new session with a new id.
 */
export function createAuthRoutes(deps: ConsoleDeps): Router {
  const router = express.Router();
  // Failed logins per client address: 20 in 15 minutes, then refused before any password is checked.
  // Behind a proxy without TRUST_PROXY every client shares one address; the per-account lockout is the main defence.
  // A tenant's count is shared by its processes (a client cannot try 20 on each)
  const throttle = (deps.limits ?? memoryLimits(deps.clock)).limiter('console-login', 20, 15 * 60_000);
  const client = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

  /** The visitor session of the login page (made when missing). */
  const visitorCsrf = async (req: Request, res: Response): Promise<string> => {
    const locals = consoleOf(res);
    if (locals.session) return locals.session.csrf;
    const { id, session } = await deps.sessions.create(null);
    setSessionCookie(req, res, id);
    Object.assign(locals, { sessionId: id, session });
    return session.csrf;
  };

  router.get('/login', async (req, res) => {
    if (consoleOf(res).viewer) return res.redirect(303, `${req.baseUrl}/`);
    const csrf = await visitorCsrf(req, res);
    res
      .type('html')
      .send(String(loginPage(siteOf(req, deps.town), csrf, req.query.out === '1' ? { info: 'ออกจากระบบแล้ว' } : {})));
  });

  router.post('/login', async (req, res) => {
    const name = field(req, 'name').trim().toLowerCase().slice(0, 32);
    const refuse = async (status: number, error: string) => {
      const csrf = await visitorCsrf(req, res);
      res
        .status(status)
        .type('html')
        .send(String(loginPage(siteOf(req, deps.town), csrf, { error, name })));
    };
    if (await throttle.blocked(client(req)))
      return refuse(429, 'มีการเข้าสู่ระบบไม่สำเร็จจากเครื่องนี้หลายครั้ง กรุณารอ 15 นาทีแล้วลองใหม่');
    const result = await deps.accounts.login(name, field(req, 'password'), deps.clock());
    if (!result.ok) {
      await throttle.count(client(req));
      // The typed name is recorded only when it is an account: a password typed into the name box stays out of the trail
      await auditAs(
        deps,
        result.account?.name ?? '(unknown)',
        'login.failed',
        result.account ? `account:${result.account.name}` : undefined,
        { reason: result.reason },
      );
      if (result.reason === 'locked')
        return refuse(
          429,
          `บัญชีนี้ถูกล็อกชั่วคราวเพราะใส่รหัสผ่านผิด ${LOCKOUT.failures} ครั้ง กรุณารอ ${LOCKOUT.minutes} นาที หรือติดต่อผู้ดูแลระบบ`,
        );
      return refuse(401, 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
    }
    const { account } = result;
    await deps.sessions.destroy(consoleOf(res).sessionId);
    const { id } = await deps.sessions.create(account.name, account.generation);
    setSessionCookie(req, res, id);
    await auditAs(
      deps,
      account.name,
      'login',
      `account:${account.name}`,
      account.mustChange ? { oneTimePassword: true } : undefined,
    );
    res.redirect(303, `${req.baseUrl}/${account.mustChange ? 'password' : ''}`);
  });

  router.post('/logout', requireLogin(), async (req, res) => {
    const viewer = viewerOf(res);
    await deps.sessions.destroy(consoleOf(res).sessionId);
    clearSessionCookie(req, res);
    await auditAs(deps, viewer.name, 'logout', `account:${viewer.name}`);
    res.redirect(303, `${req.baseUrl}/login?out=1`);
  });

  router.post('/logout-everywhere', requireLogin(), async (req, res) => {
    const viewer = viewerOf(res);
    await deps.accounts.endSessions(viewer.name, deps.clock());
    await deps.sessions.destroyAccount(viewer.name);
    clearSessionCookie(req, res);
    await auditAs(deps, viewer.name, 'logout.everywhere', `account:${viewer.name}`);
    res.redirect(303, `${req.baseUrl}/login?out=1`);
  });

  router.get('/password', requireLogin(), (_req, res) => {
    res.type('html').send(String(passwordPage(viewerOf(res), { mustChange: consoleOf(res).mustChange ?? false })));
  });

  router.post('/password', requireLogin(), async (req, res) => {
    const viewer = viewerOf(res);
    const mustChange = consoleOf(res).mustChange ?? false;
    const show = (status: number, error?: string) =>
      res
        .status(status)
        .type('html')
        .send(String(passwordPage(viewerOf(res), { mustChange, ...(error ? { error } : { done: true }) })));
    if (field(req, 'next') !== field(req, 'confirm')) return show(400, 'รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน');
    try {
      const account = await deps.accounts.changePassword(
        viewer.name,
        field(req, 'current'),
        field(req, 'next'),
        deps.clock(),
      );
      // Every other session of the account has ended (new generation); this one goes on with a new id
      await deps.sessions.destroyAccount(viewer.name);
      const { id, session } = await deps.sessions.create(account.name, account.generation);
      setSessionCookie(req, res, id);
      Object.assign(consoleOf(res), { viewer: { ...viewer, csrf: session.csrf }, mustChange: false });
      await auditAs(deps, viewer.name, 'password.change', `account:${viewer.name}`);
      if (mustChange) return res.redirect(303, `${req.baseUrl}/`);
      show(200);
    } catch (err) {
      if (err instanceof AccountError) return show(400, err.message);
      throw err;
    }
  });
  return router;
}
