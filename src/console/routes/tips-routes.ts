import express, { type Request, type Response, type Router } from 'express';
import { TIP_STATUSES, type TipStatus } from '../../tips/tip-model.js';
import type { TipDesk } from '../../tips/tip-desk.js';
import { auditAs, type ConsoleDeps } from '../console-deps.js';
import { refusal } from '../../http/http-error.js';
import { notFoundPage } from '../console-error.js';
import { tipPage, tipsListPage } from '../pages/tips-pages.js';
import { viewerOf, type allow } from '../session-middleware.js';

/** What the tips feature lends the console: its desk and the content-free progress notice. */
export interface ConsoleTips {
  desk: TipDesk;
  notify: (userId: string) => Promise<'sent' | 'failed'>;
}

const TIP_ID = /^[a-z0-9]{12}$/;
const NOTE_MAX = 5000;
const text = (req: Request, name: string) => {
  const v = (req.body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v.trim() : '';
};
const isStatus = (s: unknown): s is TipStatus => (TIP_STATUSES as readonly unknown[]).includes(s);

/**
 * /staff/tips, for tip handlers only: the list (no content), a tip in full, status changes
 * with a public note (closing needs an outcome) and internal notes, evidence images. Every
 * read and change is audited as the staff API does it: who, which tip, what changed — never
 * what the tip or a note says.
 */
export function createTipsRoutes(tips: ConsoleTips) {
  return (deps: ConsoleDeps, guard: typeof allow): Router => {
    const router = express.Router();
    router.use(guard('tips.handle'));
    const tipId = (req: Request) => {
      const id = String(req.params.id);
      if (!TIP_ID.test(id)) throw notFoundPage();
      return id;
    };

    router.get('/', async (req, res) => {
      const now = deps.clock();
      const overdueOnly = req.query.overdue === '1';
      const status = isStatus(req.query.status) || req.query.status === 'all' ? String(req.query.status) : 'open';
      const all = await tips.desk.list({}, now);
      const shown = all.filter((t) =>
        overdueOnly
          ? t.overdue.any
          : status === 'all'
            ? true
            : status === 'open'
              ? t.status !== 'closed'
              : t.status === status,
      );
      const counts: Record<string, number> = {
        open: all.filter((t) => t.status !== 'closed').length,
        overdue: all.filter((t) => t.overdue.any).length,
      };
      for (const s of TIP_STATUSES) counts[s] = all.filter((t) => t.status === s).length;
      // Overdue first, then the oldest: what needs an answer soonest is on top
      shown.sort((a, b) => Number(b.overdue.any) - Number(a.overdue.any) || a.receivedAt.localeCompare(b.receivedAt));
      await auditAs(deps, viewerOf(res).name, 'tips.list', undefined, {
        status: overdueOnly ? 'overdue' : status,
        count: shown.length,
      });
      res.type('html').send(String(tipsListPage(viewerOf(res), { tips: shown, status, overdueOnly, counts })));
    });

    const show = async (
      req: Request,
      res: Response,
      status = 200,
      message?: { kind: 'ok' | 'error'; text: string },
    ) => {
      const id = tipId(req);
      const tip = await tips.desk.read(id, deps.clock());
      if (!tip) throw notFoundPage();
      await auditAs(deps, viewerOf(res).name, 'tip.read', `tip:${id}`);
      res
        .status(status)
        .type('html')
        .send(String(tipPage(viewerOf(res), tip, message)));
    };

    router.get('/:id', (req, res) => {
      const done = req.query.done === 'status' ? 'บันทึกสถานะแล้ว' : req.query.done === 'note' ? 'เพิ่มบันทึกภายในแล้ว' : null;
      return show(req, res, 200, done ? { kind: 'ok', text: done } : undefined);
    });

    router.post('/:id/status', async (req, res) => {
      const id = tipId(req);
      const status = text(req, 'status');
      const publicNote = text(req, 'publicNote');
      const outcome = text(req, 'outcome');
      const refuse = (why: string) => show(req, res, 400, { kind: 'error', text: why });
      if (!isStatus(status)) return refuse('กรุณาเลือกสถานะ');
      if (status === 'closed' && !outcome) return refuse('การปิดเรื่องต้องกรอกผลการดำเนินการ');
      if (status !== 'closed' && outcome) return refuse('กรอกผลการดำเนินการเฉพาะเมื่อปิดเรื่อง');
      if (publicNote.length > NOTE_MAX || outcome.length > NOTE_MAX) return refuse(`ข้อความยาวเกิน ${NOTE_MAX} ตัวอักษร`);
      const viewer = viewerOf(res);
      const now = deps.clock();
      const done = await tips.desk.changeStatus(
        id,
        { status, publicNote: publicNote || undefined, outcome: outcome || undefined },
        viewer.name,
        now,
      );
      if (done.result === 'missing') throw notFoundPage();
      if (done.result === 'gone') throw refusal(409, 'เนื้อหาของเบาะแสนี้ถูกลบแล้วตามระยะเวลาการเก็บรักษา');
      const notified = done.statusChanged && done.reporter ? await tips.notify(done.reporter) : 'none';
      await auditAs(deps, viewer.name, 'tip.status', `tip:${id}`, {
        from: done.from,
        to: status,
        publicNote: publicNote !== '',
        outcome: outcome !== '',
        notified,
      });
      res.redirect(303, `${viewer.root}/tips/${id}?done=status`);
    });

    router.post('/:id/notes', async (req, res) => {
      const id = tipId(req);
      const note = text(req, 'text');
      if (!note || note.length > NOTE_MAX)
        return show(req, res, 400, { kind: 'error', text: `กรุณากรอกบันทึก (ไม่เกิน ${NOTE_MAX} ตัวอักษร)` });
      const viewer = viewerOf(res);
      const result = await tips.desk.addNote(id, note, viewer.name, deps.clock());
      if (result === 'missing') throw notFoundPage();
      if (result === 'gone') throw refusal(409, 'เนื้อหาของเบาะแสนี้ถูกลบแล้วตามระยะเวลาการเก็บรักษา');
      await auditAs(deps, viewer.name, 'tip.note', `tip:${id}`);
      res.redirect(303, `${viewer.root}/tips/${id}?done=note`);
    });

    router.get('/:id/attachments/:attachment', async (req, res) => {
      const id = tipId(req);
      const attachment = String(req.params.attachment);
      const file = await tips.desk.attachment(id, attachment);
      if (!file) throw notFoundPage();
      await auditAs(deps, viewerOf(res).name, 'tip.attachment', `tip:${id}`, { attachment });
      res.set('content-disposition', 'inline').type(file.type).send(file.bytes);
    });
    return router;
  };
}
