import path from 'node:path';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { failureOf, routeOf } from '../http/failure-log.js';
import { html } from '../http/html.js';
import { HttpError } from '../http/http-error.js';
import { SHARED_PUBLIC_DIR } from '../http/shared-assets.js';
import { PROJECT_ROOT } from '../paths.js';
import { drainPendingAudit } from '../staff/audit-pending.js';
import type { Permission } from '../staff/roles.js';
import { createAuthRoutes } from './auth-routes.js';
import { auditAs, type ConsoleDeps } from './console-deps.js';
import { notFoundPage } from './console-error.js';
import { layout, notice, siteOf } from './layout.js';
import { createAccountsRoutes } from './routes/accounts-routes.js';
import { createOverviewRoutes } from './routes/overview-routes.js';
import { createQuestionsRoutes } from './routes/questions-routes.js';
import { createReportRoutes } from './routes/report-routes.js';
import { allow, checkCsrf, consoleOf, loadSession, requireLogin } from './session-middleware.js';
import { securityHeaders } from './security.js';

/** Static files are read from the source folder, so `src` (tests) and `dist` (npm start) serve the same. */
const CONSOLE_PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'console', 'public');

/** A feature's console pages, mounted under /staff behind a login. */
export interface ConsoleFeature {
  path: string;
  router: (deps: ConsoleDeps, guard: (permission: Permission) => express.RequestHandler) => Router;
}

/**
 * The staff console at /staff: server-rendered Thai pages behind a session login. Order
 * matters: headers on everything; assets and the login page without a session; the CSRF
 * check on every state change (login included); then a login and a role for each page.
 */
export function createConsoleRouter(deps: ConsoleDeps, features: ConsoleFeature[] = []): Router {
  const router = express.Router();
  router.use(securityHeaders());
  router.get('/assets/flex-render.js', (_req, res) => res.sendFile(path.join(SHARED_PUBLIC_DIR, 'flex-render.js')));
  router.use('/assets', express.static(CONSOLE_PUBLIC_DIR, { index: false, fallthrough: false }), ((
    err,
    _req,
    _res,
    next,
  ) => {
    // A path that climbs out of the folder (`..%2F`) is refused by send with 403: to the visitor it is simply not there
    next((err as { status?: number }).status === 403 ? notFoundPage() : err);
  }) as ErrorRequestHandler);
  router.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 50 }));
  router.use(express.json({ limit: '200kb' }));
  router.use(async (_req, _res, next) => {
    // Account changes made with `npm run staff` join the audit trail
    await drainPendingAudit(deps.dataDir, deps.audit);
    next();
  });
  router.use(loadSession(deps.sessions, deps.accounts, deps.town));
  router.use(checkCsrf());
  router.use(createAuthRoutes(deps));
  router.use(requireLogin());

  const denied = (req: Request, res: Response) => {
    const name = consoleOf(res).viewer?.name ?? '(unknown)';
    return auditAs(deps, name, 'access.denied', `${req.method} ${req.baseUrl}${req.path}`.slice(0, 200));
  };
  const guard = (permission: Permission) => allow(permission, denied);

  router.use(createOverviewRoutes(deps, guard));
  router.use('/accounts', guard('accounts.manage'), createAccountsRoutes(deps));
  router.use('/questions', createQuestionsRoutes(deps, guard));
  router.use(createReportRoutes(deps, guard));
  for (const feature of features) router.use(feature.path, feature.router(deps, guard));
  router.use((_req, _res, next) => next(notFoundPage()));
  router.use(consoleErrorPage(deps));
  return router;
}

/** One place that turns failures into a Thai page with the right status. */
function consoleErrorPage(deps: ConsoleDeps): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const viewer = consoleOf(res).viewer ?? siteOf(req, deps.town);
    let status = 500;
    let message = 'เกิดข้อผิดพลาดในระบบ ได้บันทึกไว้ให้ผู้ดูแลตรวจสอบแล้ว กรุณาลองใหม่อีกครั้ง';
    if (err instanceof HttpError) [status, message] = [err.status, err.message];
    else if ((err as { type?: string }).type === 'entity.too.large') [status, message] = [413, 'ข้อมูลที่ส่งมายาวเกินไป'];
    else if ((err as { status?: number }).status === 404) [status, message] = [404, 'ไม่พบไฟล์ที่ต้องการ'];
    else if ((err as { status?: number }).status === 400) [status, message] = [400, 'ข้อมูลที่ส่งมาไม่ถูกต้อง'];
    else deps.logger.error('console failed', { route: routeOf(req), ...failureOf(err) });
    const page = layout(viewer, {
      title: status === 403 ? 'ไม่มีสิทธิ์' : 'ทำรายการไม่สำเร็จ',
      body: html`${notice('error', message)}<p><a href="${viewer.root}/">กลับหน้าหลัก</a></p>`,
    });
    res.status(status).type('html').send(String(page));
  };
}
