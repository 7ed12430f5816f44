import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { HttpError, notFound } from '../../http/http-error.js';
import type { AuditTrail } from '../../staff/audit-trail.js';
import { TIP_STATUSES } from '../tip-model.js';
import { tipSummary, type TipDesk } from '../tip-desk.js';

export interface TipsStaffDeps {
  desk: TipDesk;
  audit: AuditTrail;
  clock: () => Date;
  /** Sends the content-free progress notice to an opted-in reporter. */
  notify: (userId: string) => Promise<'sent' | 'failed'>;
}

const TipId = z.string().regex(/^[a-z0-9]{12}$/);
const ListQuery = z.object({
  status: z.enum(TIP_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
const Note = z.string().trim().min(1).max(5000);
const Patch = z
  .object({ status: z.enum(TIP_STATUSES), publicNote: Note.optional(), outcome: Note.optional() })
  .strict()
  .superRefine((b, ctx) => {
    if (b.status === 'closed' && !b.outcome)
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'closing a tip requires an outcome' });
    if (b.status !== 'closed' && b.outcome)
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'an outcome is given only when closing' });
  });

/**
 * /staff/api/tips: list (filter by status and overdue), read one decrypted, change status
 * (with a public note; closing needs an outcome), add internal notes, download evidence.
 * Every call is written to the audit trail before the answer goes out: who, when, which
 * tip, what changed — never what the tip or a note says.
 */
export function createTipsStaffRouter(deps: TipsStaffDeps): Router {
  const router = express.Router();
  const actor = (req: Request) => req.staff?.name ?? 'unknown';
  const tipId = (req: Request) => {
    const parsed = TipId.safeParse(req.params.id);
    if (!parsed.success) throw notFound('tip');
    return parsed.data;
  };

  router.get('/', async (req, res) => {
    const q = ListQuery.parse(req.query);
    const now = deps.clock();
    const tips = await deps.desk.list(
      { status: q.status, overdue: q.overdue === undefined ? undefined : q.overdue === 'true' },
      now,
    );
    await deps.audit.append(now, actor(req), 'tips.list', undefined, {
      status: q.status ?? null,
      overdue: q.overdue ?? null,
      count: tips.length,
    });
    res.json({ tips, count: tips.length });
  });

  router.get('/:id', async (req, res) => {
    const id = tipId(req);
    const now = deps.clock();
    const tip = await deps.desk.read(id, now);
    if (!tip) throw notFound('tip');
    await deps.audit.append(now, actor(req), 'tip.read', `tip:${id}`);
    res.json(tip);
  });

  router.patch('/:id', async (req, res) => {
    const id = tipId(req);
    const body = Patch.parse(req.body ?? {});
    const now = deps.clock();
    const done = await deps.desk.changeStatus(id, body, actor(req), now);
    if (done.result === 'missing') throw notFound('tip');
    if (done.result === 'gone')
      throw new HttpError(409, 'purged', 'the content of this tip was deleted under the retention rule');
    const notified = done.statusChanged && done.reporter ? await deps.notify(done.reporter) : 'none';
    await deps.audit.append(now, actor(req), 'tip.status', `tip:${id}`, {
      from: done.from,
      to: body.status,
      publicNote: body.publicNote !== undefined,
      outcome: body.outcome !== undefined,
      notified,
    });
    res.json({ ...tipSummary(done.tip, deps.desk.rules, now), notified });
  });

  router.post('/:id/notes', async (req, res) => {
    const id = tipId(req);
    const { text } = z
      .object({ text: Note })
      .strict()
      .parse(req.body ?? {});
    const now = deps.clock();
    const result = await deps.desk.addNote(id, text, actor(req), now);
    if (result === 'missing') throw notFound('tip');
    if (result === 'gone')
      throw new HttpError(409, 'purged', 'the content of this tip was deleted under the retention rule');
    await deps.audit.append(now, actor(req), 'tip.note', `tip:${id}`);
    res.status(201).json({ at: now.toISOString(), by: actor(req) });
  });

  router.get('/:id/attachments/:attachment', async (req, res) => {
    const id = tipId(req);
    const file = await deps.desk.attachment(id, String(req.params.attachment));
    if (!file) throw notFound('attachment');
    const now = deps.clock();
    await deps.audit.append(now, actor(req), 'tip.attachment', `tip:${id}`, {
      attachment: String(req.params.attachment),
    });
    // nosniff and no-store come with the shared headers (src/http/headers.ts) on every answer
    res.set(
      'Content-Disposition',
      `attachment; filename="${req.params.attachment}.${file.type === 'image/png' ? 'png' : 'jpg'}"`,
    );
    res.type(file.type).send(file.bytes);
  });
  return router;
}
