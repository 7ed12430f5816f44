import type { Request, RequestHandler, Response } from 'express';
import type { StaffAccounts } from '../staff/accounts.js';
import { can, type Permission } from '../staff/roles.js';
import { refusal } from '../http/http-error.js';
import { forbidden } from './console-error.js';
import { siteOf, type Viewer } from './layout.js';
import { sameOrigin } from '../http/same-origin.js';
import { readSessionCookie } from './security.js';
import type { SessionRepository } from './session-repository.js';
import { csrfMatches, type Session } from './sessions.js';

/** What the console knows about the request, kept in res.locals. */
export interface ConsoleLocals {
  sessionId?: string;
  session?: Session;
  viewer?: Viewer;
  mustChange?: boolean;
}

export const consoleOf = (res: Response): ConsoleLocals => res.locals as ConsoleLocals;

/** The viewer of a page that required a login (requireLogin ran before). */
export function viewerOf(res: Response): Viewer {
  const viewer = consoleOf(res).viewer;
  if (!viewer) throw refusal(401, 'กรุณาเข้าสู่ระบบก่อน');
  return viewer;
}

/**
 * Finds the session behind the cookie and checks it against the account as it is now: a
 * disabled account, a changed role or password, or "logout everywhere" (a newer generation)
 * ends it, in this process or after the accounts file was changed by `npm run staff`.
 */
export function loadSession(sessions: SessionRepository, accounts: StaffAccounts, town: () => string): RequestHandler {
  return async (req, res, next) => {
    const id = readSessionCookie(req);
    const session = await sessions.get(id);
    const locals = consoleOf(res);
    if (!session || !id) return next();
    if (session.name === null) {
      Object.assign(locals, { sessionId: id, session });
      return next();
    }
    const account = await accounts.get(session.name);
    if (!account || account.disabled || account.generation !== session.generation) {
      await sessions.destroy(id);
      return next();
    }
    Object.assign(locals, {
      sessionId: id,
      session,
      viewer: { name: account.name, role: account.role, csrf: session.csrf, ...siteOf(req, town) },
      mustChange: account.mustChange,
    });
    req.staff = { name: account.name, via: 'session', role: account.role };
    next();
  };
}

/** Pages need a login (GET goes to the login page); a one-time password must be changed first. */
export function requireLogin(): RequestHandler {
  return (req, res, next) => {
    const locals = consoleOf(res);
    if (!locals.viewer) {
      if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, `${req.baseUrl}/login`);
      return next(refusal(401, 'กรุณาเข้าสู่ระบบก่อน'));
    }
    if (locals.mustChange && !['/password', '/logout'].includes(req.path)) {
      if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, `${req.baseUrl}/password`);
      return next(refusal(403, 'กรุณาตั้งรหัสผ่านใหม่ก่อนใช้งาน'));
    }
    next();
  };
}

/**
 * Every state-changing request carries the session's token (form field `_csrf` or header
 * `x-csrf-token`) and, when the browser names an origin, comes from this host.
 */
export function checkCsrf(): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const session = consoleOf(res).session;
    const given = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
    if (!sameOrigin(req) || !session || !csrfMatches(session, given)) {
      return next(refusal(403, 'แบบฟอร์มนี้หมดอายุหรือไม่ได้มาจากระบบนี้ กรุณาเปิดหน้าใหม่แล้วลองอีกครั้ง'));
    }
    next();
  };
}

/** Refuses the request unless the viewer's role grants `permission` (`denied` records the attempt first). */
export function allow(
  permission: Permission,
  denied?: (req: Request, res: Response) => Promise<unknown>,
): RequestHandler {
  return async (req, res, next) => {
    const viewer = consoleOf(res).viewer;
    if (viewer && can(viewer.role, permission)) return next();
    await denied?.(req, res);
    next(forbidden({ role: viewer?.role, permission }));
  };
}
