import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../http/http-error.js';
import { LineApiError } from '../line/line-gateway.js';
import type { AuditTrail } from '../staff/audit-trail.js';
import { PUBLICATION_STATUSES, type Publication } from './publication.js';
import type { Publishing } from './publishing.js';
import { TimeoutError } from '../timers.js';

export interface PublicationApiDeps {
  publishing: Publishing;
  audit: Pick<AuditTrail, 'append'>;
  clock: () => Date;
}

/** Console roles that may create, cancel, resume and test-send (API tokens may too). */
const WRITERS = new Set(['editor', 'admin']);
const ListQuery = z.object({ status: z.enum(PUBLICATION_STATUSES).optional() });

type Handler = (req: Request, res: Response) => Promise<unknown>;

/**
 * /staff/api/publications: create (201), list, read with delivery figures and each batch's
 * LINE request id, preview (the exact Flex message), test-send to one LINE user id, cancel a
 * scheduled one, resume one stopped by LINE's monthly limit. Every call is audited.
 */
export function createPublicationApi(deps: PublicationApiDeps): Router {
  const { publishing, audit, clock } = deps;
  const router = express.Router();
  const actor = (req: Request) => req.staff?.name ?? 'unknown';
  const record = (
    req: Request,
    action: string,
    pub?: Publication,
    details?: Record<string, string | number | boolean | null>,
  ) => audit.append(clock(), actor(req), `publication.${action}`, pub ? `publication:${pub.id}` : undefined, details);
  const route = (write: boolean, fn: Handler) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const role = req.staff?.role;
      if (write && role !== undefined && !WRITERS.has(role))
        throw new HttpError(403, 'forbidden', 'publishing needs the editor or admin role');
      await fn(req, res);
    } catch (err) {
      if (!answerLineFailure(err, res)) next(err);
    }
  };
  const pubOf = (req: Request) => publishing.require(String(req.params.id));

  router.post(
    '/',
    route(true, async (req, res) => {
      const pub = await publishing.create(req.body, { actor: actor(req), source: 'api' });
      await record(req, 'create', pub, {
        topic: pub.topic,
        status: pub.status,
        urgent: pub.urgent,
        publishAt: pub.publishAt,
      });
      res.status(201).json(await publishing.describe(pub));
    }),
  );
  router.get(
    '/',
    route(false, async (req, res) => {
      const { status } = ListQuery.parse(req.query);
      await record(req, 'list', undefined, status ? { status } : undefined);
      // Figures only: each publication's batches are listed by its own read
      const summaries = (await publishing.summaries()).filter((p) => !status || p.status === status);
      res.json({ publications: summaries });
    }),
  );
  router.post(
    '/preview',
    route(false, async (req, res) => {
      const messages = publishing.preview(req.body);
      await record(req, 'preview-draft');
      res.json({ messages });
    }),
  );
  router.post(
    '/test-send',
    route(true, async (req, res) => {
      const { userId, ...draft } = (req.body ?? {}) as Record<string, unknown>;
      const sent = await publishing.testSend(publishing.preview(draft), userId);
      await record(req, 'test-send-draft');
      res.json({ sent: true, lineRequestId: sent.requestId });
    }),
  );
  router.get(
    '/:id',
    route(false, async (req, res) => {
      const pub = await pubOf(req);
      await record(req, 'read', pub);
      res.json(await publishing.describe(pub));
    }),
  );
  router.get(
    '/:id/preview',
    route(false, async (req, res) => {
      const pub = await pubOf(req);
      await record(req, 'preview', pub);
      res.json({ messages: publishing.preview(pub) });
    }),
  );
  router.post(
    '/:id/test-send',
    route(true, async (req, res) => {
      const pub = await pubOf(req);
      const sent = await publishing.testSend(
        publishing.preview(pub),
        (req.body as { userId?: unknown } | undefined)?.userId,
      );
      await record(req, 'test-send', pub);
      res.json({ sent: true, lineRequestId: sent.requestId });
    }),
  );
  router.post(
    '/:id/cancel',
    route(true, async (req, res) => {
      const pub = await publishing.cancel(String(req.params.id), actor(req));
      await record(req, 'cancel', pub);
      res.json(await publishing.describe(pub));
    }),
  );
  router.post(
    '/:id/resume',
    route(true, async (req, res) => {
      const pub = await publishing.resume(String(req.params.id));
      await record(req, 'resume', pub);
      res.json(await publishing.describe(pub));
    }),
  );
  return router;
}

/** A test-send LINE refused or did not answer: 502/504 with LINE's own words. */
function answerLineFailure(err: unknown, res: Response): boolean {
  if (err instanceof TimeoutError) {
    res.status(504).json({ error: { code: 'line_timeout', message: `LINE did not answer: ${err.message}` } });
    return true;
  }
  if (!(err instanceof LineApiError)) return false;
  res.status(502).json({
    error: {
      code: 'line_refused',
      message: `LINE answered ${err.status ?? 'nothing'}`,
      details: { status: err.status, body: err.body, lineRequestId: err.requestId },
    },
  });
  return true;
}
