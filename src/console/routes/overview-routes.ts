import express, { type Router } from 'express';
import { fiscalQuarterOf } from '../../staff/fiscal-quarter.js';
import { computeReport } from '../../staff/report-figures.js';
import type { ConsoleDeps } from '../console-deps.js';
import { auditPage } from '../pages/audit-page.js';
import { dashboardPage } from '../pages/dashboard-page.js';
import { viewerOf, allow } from '../session-middleware.js';

/** The dashboard (every role) and the audit trail (auditors and admins). */
export function createOverviewRoutes(deps: ConsoleDeps, guard: typeof allow): Router {
  const router = express.Router();

  router.get('/', async (_req, res) => {
    const now = deps.clock();
    const quarter = fiscalQuarterOf(now);
    const figures = await computeReport(deps.report, quarter.from, quarter.to);
    const tipsNow = deps.report.tips ? deps.report.tips(new Date(0), new Date(now.getTime() + 1)) : null;
    const lastDeliveries = (deps.report.publications?.(new Date(0), new Date(now.getTime() + 1)) ?? [])
      .filter((p) => p.state !== 'scheduled' && p.state !== 'cancelled')
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, 5);
    res.type('html').send(String(dashboardPage(viewerOf(res), { quarter, figures, tipsNow, lastDeliveries })));
  });

  router.get('/audit', guard('audit.read'), async (req, res) => {
    const { entries, check, suspects } = await deps.readAudit();
    const q = (name: string) => (typeof req.query[name] === 'string' ? req.query[name].slice(0, 40) : '');
    res.type('html').send(
      String(
        auditPage(viewerOf(res), {
          entries,
          check,
          suspects,
          page: Number(q('page')) || 1,
          actor: q('actor'),
          action: q('action'),
          names: await deps.auditNames(),
        }),
      ),
    );
  });
  return router;
}
