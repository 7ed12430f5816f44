import express, { type Request, type Response, type Router } from 'express';
import type { Publication } from '../../publications/publication.js';
import type { Publishing } from '../../publications/publishing.js';
import { can } from '../../staff/roles.js';
import { auditAs, type ConsoleDeps } from '../console-deps.js';
import { notFoundPage } from '../console-error.js';
import { composePage, publicationPage, publicationsListPage, type Draft } from '../pages/publication-pages.js';
import { draftOf, inputOf, refusalOf } from '../publication-form.js';
import { viewerOf, type allow } from '../session-middleware.js';

/**
 * /staff/publications: the list with delivery figures, compose with a live preview, publish
 * now or at a time, cancel, resume, test-send, one publication's batches. Editors write;
 * auditors and admins read. Everything goes through Publishing, the same use case as the
 * staff API and `npm run publish`, and every change is audited.
 */
export function createPublicationsRoutes(publishing: Publishing) {
  return (deps: ConsoleDeps, guard: typeof allow): Router => {
    const router = express.Router();
    const write = guard('publications.write');
    const audit = (res: Response, action: string, pub?: Publication, details?: Record<string, string | boolean>) =>
      auditAs(deps, viewerOf(res).name, `publication.${action}`, pub ? `publication:${pub.id}` : undefined, details);
    const find = (req: Request) => {
      const pub = publishing.get(String(req.params.id));
      if (!pub) throw notFoundPage();
      return pub;
    };
    const showOne = async (res: Response, pub: Publication, status = 200, message?: Parameters<typeof publicationPage>[4]) => {
      const viewer = viewerOf(res);
      await audit(res, 'read', pub);
      res.status(status).type('html').send(String(publicationPage(viewer, publishing.view(pub), publishing.preview(pub)[0], can(viewer.role, 'publications.write'), message)));
    };
    /** Runs a change; a refusal is shown on `page` instead of failing the request. */
    const attempt = async (res: Response, run: () => Promise<void>, page: (m: { kind: 'error'; text: string; details: string[] }) => Promise<unknown> | unknown) => {
      try {
        await run();
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        res.status(400);
        await page({ kind: 'error', ...refusal });
      }
    };

    router.get('/', guard('publications.read'), (_req, res) => {
      const viewer = viewerOf(res);
      const list = publishing.list().map((p) => publishing.view(p));
      res.type('html').send(String(publicationsListPage(viewer, list, can(viewer.role, 'publications.write'))));
    });

    router.get('/new', write, (_req, res) => {
      res.type('html').send(String(composePage(viewerOf(res), { topic: 'news' })));
    });

    /** The exact message a draft would send (JSON, for the live preview). Not audited: nothing is read or changed. */
    router.post('/preview', write, (req, res) => {
      try {
        res.json({ message: publishing.preview(inputOf(draftOf(req.body)))[0] });
      } catch (err) {
        const refusal = refusalOf(err);
        if (!refusal) throw err;
        // Not an error of the request: the draft is not complete yet (the page says what is missing)
        res.json({ message: null, error: [refusal.text, ...refusal.details].join(' · ') });
      }
    });

    /** The compose page again, with what was typed and the outcome. */
    const composeAgain = (res: Response, draft: Draft) => (m: Parameters<typeof composePage>[2]) => res.type('html').send(String(composePage(viewerOf(res), draft, m)));

    router.post('/', write, async (req, res) => {
      const draft = draftOf(req.body);
      await attempt(
        res,
        async () => {
          const pub = await publishing.create(inputOf(draft), { actor: viewerOf(res).name, source: 'console' });
          await audit(res, 'create', pub, { topic: pub.topic, status: pub.status, urgent: pub.urgent, publishAt: pub.publishAt });
          res.redirect(303, `/staff/publications/${pub.id}`);
        },
        composeAgain(res, draft),
      );
    });

    router.post('/test-send', write, async (req, res) => {
      const draft = draftOf(req.body);
      await attempt(
        res,
        async () => {
          await publishing.testSend(publishing.preview(inputOf(draft)), draft.userId);
          await audit(res, 'test-send-draft');
          composeAgain(res, draft)({ kind: 'ok', text: 'ส่งทดสอบแล้ว ตรวจดูใน LINE ของคุณ (ไม่นับในสถิติการส่ง)' });
        },
        composeAgain(res, draft),
      );
    });

    router.get('/:id', guard('publications.read'), (req, res) => showOne(res, find(req)));

    router.post('/:id/:action', write, async (req, res) => {
      const pub = find(req);
      await attempt(
        res,
        async () => {
          if (req.params.action === 'cancel') await audit(res, 'cancel', await publishing.cancel(pub.id, viewerOf(res).name));
          else if (req.params.action === 'resume') await audit(res, 'resume', await publishing.resume(pub.id));
          else if (req.params.action === 'test-send') {
            await publishing.testSend(publishing.preview(pub), draftOf(req.body).userId);
            await audit(res, 'test-send', pub);
          } else throw notFoundPage();
          const done = { cancel: 'ยกเลิกการส่งแล้ว', resume: 'ส่งต่อแล้ว', 'test-send': 'ส่งทดสอบแล้ว' }[req.params.action as string];
          await showOne(res, publishing.get(pub.id)!, 200, { kind: 'ok', text: done ?? '' });
        },
        (m) => showOne(res, publishing.get(pub.id)!, 400, m),
      );
    });
    return router;
  };
}
