import express, { type Router } from 'express';
import type { LineLinkStore } from '../../staff/line-link-store.js';
import { auditAs, type ConsoleDeps } from '../console-deps.js';
import { lineLinkPage } from '../pages/line-link-page.js';
import { viewerOf, type allow } from '../session-middleware.js';

/** /staff/line-link: an editor links their own LINE for test-sends (code shown here, sent from LINE). */
export function createLineLinkRoutes(links: LineLinkStore) {
  return (deps: ConsoleDeps, guard: typeof allow): Router => {
    const router = express.Router();
    router.use(guard('publications.write'));

    router.get('/', async (_req, res) => {
      const linkedAt = await links.linkedAt(viewerOf(res).name);
      res.type('html').send(String(lineLinkPage(viewerOf(res), { linkedAt })));
    });

    router.post('/code', async (_req, res) => {
      const viewer = viewerOf(res);
      const code = await links.issue(viewer.name);
      await auditAs(deps, viewer.name, 'line-link.code', `account:${viewer.name}`);
      res.type('html').send(String(lineLinkPage(viewer, { linkedAt: await links.linkedAt(viewer.name), code })));
    });

    router.post('/remove', async (_req, res) => {
      const viewer = viewerOf(res);
      const removed = await links.unlink(viewer.name);
      if (removed) await auditAs(deps, viewer.name, 'line-link.remove', `account:${viewer.name}`);
      res.type('html').send(
        String(
          lineLinkPage(viewer, {
            linkedAt: undefined,
            message: { kind: 'ok', text: removed ? 'ยกเลิกการเชื่อมบัญชี LINE แล้ว' : 'ไม่มีบัญชี LINE ที่เชื่อมไว้' },
          }),
        ),
      );
    });
    return router;
  };
}
