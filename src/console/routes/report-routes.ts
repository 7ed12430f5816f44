import express, { type Request, type Router } from 'express';
import { fiscalQuarter, fiscalQuarterOf, type FiscalQuarter } from '../../staff/fiscal-quarter.js';
import { computeReport } from '../../staff/report-figures.js';
import { auditAs, type ConsoleDeps } from '../console-deps.js';
import { reportPage } from '../pages/report-page.js';
import { reportCsv } from '../report-csv.js';
import { viewerOf, type allow } from '../session-middleware.js';

/** `?fy=2569&q=1`, or the current quarter when absent or out of range. */
function quarterFrom(req: Request, now: Date): FiscalQuarter {
  const fy = Number(req.query.fy);
  const q = Number(req.query.q);
  if (Number.isInteger(fy) && fy >= 2500 && fy <= 2800 && [1, 2, 3, 4].includes(q))
    return fiscalQuarter(fy, q as 1 | 2 | 3 | 4);
  return fiscalQuarterOf(now);
}

/** /staff/report (page, printable on A4) and /staff/report.csv (audited as an export). */
export function createReportRoutes(deps: ConsoleDeps, guard: typeof allow): Router {
  const router = express.Router();
  router.get('/report', guard('report.read'), async (req, res) => {
    const quarter = quarterFrom(req, deps.clock());
    const figures = await computeReport(deps.report, quarter.from, quarter.to);
    res
      .type('html')
      .send(
        String(
          reportPage(viewerOf(res), { quarter, figures, agency: deps.library.agencyName(), generatedAt: deps.clock() }),
        ),
      );
  });
  router.get('/report.csv', guard('report.read'), async (req, res) => {
    const quarter = quarterFrom(req, deps.clock());
    const csv = reportCsv(quarter, await computeReport(deps.report, quarter.from, quarter.to));
    await auditAs(deps, viewerOf(res).name, 'report.export', `report:${quarter.fiscalYear}-Q${quarter.quarter}`, {
      format: 'csv',
    });
    res
      .type('text/csv; charset=utf-8')
      .set('content-disposition', `attachment; filename="report-${quarter.fiscalYear}-Q${quarter.quarter}.csv"`)
      .send(csv);
  });
  return router;
}
