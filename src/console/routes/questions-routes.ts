import express, { type Request, type Response, type Router } from 'express';
import type { QuestionRecord } from '../../content/question-log.js';
import { loadSynonyms } from '../../content/synonyms.js';
import { SHIPPED_DATA_DIR } from '../../paths.js';
import { fiscalQuarterOf } from '../../staff/fiscal-quarter.js';
import { LOW_CONFIDENCE_SCORE, searchQuestions } from '../../staff/report-figures.js';
import { can } from '../../staff/roles.js';
import { auditAs, type ConsoleDeps } from '../console-deps.js';
import type { allow } from '../session-middleware.js';
import { viewerOf } from '../session-middleware.js';
import { questionsPage, type QuestionRow } from '../pages/questions-page.js';
import { PhraseAliases } from '../tuning/phrase-aliases.js';
import { addSynonymGroup } from '../tuning/synonym-additions.js';

const ROWS = 40;
const field = (req: Request, name: string) => {
  const v = (req.body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '';
};

/**
 * /staff/questions: what residents asked that the bot could not answer well, and two fixes
 * that work at once: point the phrase at an item, or teach a synonym (the running index is
 * re-indexed with the new table; DATA_DIR keeps it for the next start).
 */
export function createQuestionsRoutes(deps: ConsoleDeps, guard: typeof allow): Router {
  const router = express.Router();
  const aliases = new PhraseAliases(deps.dataDir, deps.index);

  const rowsOf = (records: QuestionRecord[], title: (id: string) => string | undefined): QuestionRow[] => {
    const groups = new Map<string, QuestionRecord[]>();
    for (const r of records) groups.set(r.text!, [...(groups.get(r.text!) ?? []), r]);
    return [...groups]
      .map(([text, rs]) => {
        const now = deps.index.answer(text).best;
        const top = now ?? deps.index.search(text, { limit: 1 })[0];
        const last = rs.at(-1)!;
        return { text, count: rs.length, lastAt: last.at, ...(last.match ? { matchedTitle: title(last.match) ?? last.match } : {}), nowAnswer: now ? now.item.title : null, suggested: top?.item.id ?? null };
      })
      .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
      .slice(0, ROWS);
  };

  const show = async (req: Request, res: Response, status = 200, message?: { kind: 'ok' | 'error'; text: string }) => {
    const viewer = viewerOf(res);
    const period = req.query.period === 'all' ? 'all' : 'quarter';
    const quarter = fiscalQuarterOf(deps.clock());
    const asked = period === 'all' ? searchQuestions(deps.questions, new Date(0), new Date(deps.clock().getTime() + 1)) : searchQuestions(deps.questions, quarter.from, quarter.to);
    const withText = asked.filter((q) => q.text);
    const title = (id: string) => deps.report.itemTitle(id);
    const items = deps.index.items().sort((a, b) => a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title, 'th'));
    const knownTerms = (await loadSynonyms(SHIPPED_DATA_DIR, deps.dataDir)).flatMap((g) => g.slice(0, 3));
    res.status(status).type('html').send(
      String(
        questionsPage(viewer, {
          unanswered: rowsOf(withText.filter((q) => q.match === null), title),
          lowConfidence: rowsOf(withText.filter((q) => q.match !== null && (q.score ?? 0) < LOW_CONFIDENCE_SCORE), title),
          items,
          knownTerms,
          canImprove: can(viewer.role, 'questions.improve'),
          period,
          ...(message ? { message } : {}),
        }),
      ),
    );
  };

  router.get('/', guard('questions.read'), (req, res) => show(req, res));

  router.post('/alias', guard('questions.improve'), async (req, res) => {
    const phrase = field(req, 'phrase').slice(0, 300);
    const item = field(req, 'item');
    const viewer = viewerOf(res);
    if (!phrase || !aliases.add({ phrase, item, at: deps.clock().toISOString(), by: viewer.name })) {
      return show(req, res, 400, { kind: 'error', text: 'ไม่พบเรื่องที่เลือก กรุณาเลือกใหม่' });
    }
    await auditAs(deps, viewer.name, 'question.alias', `item:${item}`);
    await show(req, res, 200, { kind: 'ok', text: `ผูกคำถามกับ "${deps.index.get(item)?.title ?? item}" แล้ว มีผลทันที` });
  });

  router.post('/synonym', guard('questions.improve'), async (req, res) => {
    const terms = [...new Set([field(req, 'term'), field(req, 'same')].map((t) => t.slice(0, 60)))].filter((t) => [...t].length >= 2);
    if (terms.length < 2) return show(req, res, 400, { kind: 'error', text: 'กรุณากรอกคำสองคำที่ต่างกัน (อย่างน้อยคำละ 2 ตัวอักษร)' });
    deps.index.setSynonyms(await addSynonymGroup(deps.dataDir, terms));
    await auditAs(deps, viewerOf(res).name, 'question.synonym', 'synonyms', { terms: terms.length });
    await show(req, res, 200, { kind: 'ok', text: `เพิ่มคำพ้องความหมาย "${terms.join('" = "')}" แล้ว มีผลทันที` });
  });
  return router;
}
