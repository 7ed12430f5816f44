import { createHash } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { reportAgency, townNameMismatches } from '../../content/import/town-names.js';
import { loadSynonyms } from '../../content/synonyms.js';
import { questionLists, type QuestionGroup } from '../../feedback/question-groups.js';
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
 * /staff/questions: what residents asked that the bot could not answer well (not found, low
 * confidence, marked 👎), and the fixes that work at once: point the phrase at an item, teach
 * a synonym (the running index is re-indexed with the new table; DATA_DIR keeps it for the
 * next start), or dismiss an off-topic group. Also the places where the imported documents
 * name the municipality differently from the ITA report.
 */
export function createQuestionsRoutes(deps: ConsoleDeps, guard: typeof allow): Router {
  const router = express.Router();
  const aliases = new PhraseAliases(deps.dataDir, deps.index);

  const title = (id: string) => deps.report.itemTitle(id) ?? id;
  const rowOf = (group: QuestionGroup): QuestionRow => {
    const now = group.text ? deps.index.answer(group.text).best : null;
    const top = now ?? (group.text ? deps.index.search(group.text, { limit: 1 })[0] : undefined);
    const matched = group.matches.map(title).join(' / ');
    return {
      group: group.key,
      text: group.text,
      count: group.count,
      lastAt: group.lastAt,
      ...(matched ? { matchedTitle: matched } : {}),
      nowAnswer: now ? now.item.title : null,
      suggested: top?.item.id ?? group.matches[0] ?? null,
    };
  };
  const asked = (period: 'quarter' | 'all') => {
    const quarter = fiscalQuarterOf(deps.clock());
    return period === 'all'
      ? searchQuestions(deps.questions, new Date(0), new Date(deps.clock().getTime() + 1))
      : searchQuestions(deps.questions, quarter.from, quarter.to);
  };
  const mismatches = () =>
    deps.library.documents.flatMap((doc) => townNameMismatches(doc, reportAgency(doc, deps.library.documents)));

  const show = async (req: Request, res: Response, status = 200, message?: { kind: 'ok' | 'error'; text: string }) => {
    const viewer = viewerOf(res);
    const period =
      req.query.period === 'all' || (req.body as { period?: unknown } | undefined)?.period === 'all'
        ? 'all'
        : 'quarter';
    const lists = questionLists(await asked(period), await deps.questions.dismissed(), LOW_CONFIDENCE_SCORE, ROWS);
    const items = deps.index
      .items()
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.title.localeCompare(b.title, 'th'));
    const knownTerms = (await loadSynonyms(SHIPPED_DATA_DIR, deps.dataDir)).flatMap((g) => g.slice(0, 3));
    res
      .status(status)
      .type('html')
      .send(
        String(
          questionsPage(viewer, {
            unanswered: lists.unanswered.map(rowOf),
            lowConfidence: lists.lowConfidence.map(rowOf),
            unhelpful: lists.unhelpful.map(rowOf),
            mismatches: mismatches(),
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
    const terms = [...new Set([field(req, 'term'), field(req, 'same')].map((t) => t.slice(0, 60)))].filter(
      (t) => [...t].length >= 2,
    );
    if (terms.length < 2)
      return show(req, res, 400, { kind: 'error', text: 'กรุณากรอกคำสองคำที่ต่างกัน (อย่างน้อยคำละ 2 ตัวอักษร)' });
    deps.index.setSynonyms(await addSynonymGroup(deps.dataDir, terms));
    await auditAs(deps, viewerOf(res).name, 'question.synonym', 'synonyms', { terms: terms.length });
    await show(req, res, 200, { kind: 'ok', text: `เพิ่มคำพ้องความหมาย "${terms.join('" = "')}" แล้ว มีผลทันที` });
  });
  router.post('/dismiss', guard('questions.improve'), async (req, res) => {
    const group = field(req, 'group');
    const shown = questionLists(
      await asked('all'),
      await deps.questions.dismissed(),
      LOW_CONFIDENCE_SCORE,
      Number.MAX_SAFE_INTEGER,
    );
    const found = [...shown.unanswered, ...shown.lowConfidence, ...shown.unhelpful].find((g) => g.key === group);
    if (!found) return show(req, res, 404, { kind: 'error', text: 'ไม่พบกลุ่มคำถามนี้ อาจถูกซ่อนไปแล้ว' });
    await deps.questions.dismiss(group, deps.clock());
    // The audit trail is not sealed: it names the group by a digest, never by what residents wrote.
    await auditAs(
      deps,
      viewerOf(res).name,
      'question.dismiss',
      `question-group:${createHash('sha256').update(group).digest('hex').slice(0, 12)}`,
      { questions: found.count },
    );
    await show(req, res, 200, { kind: 'ok', text: `ซ่อนคำถามกลุ่มนี้แล้ว (${found.count} ครั้ง) ถ้ามีคนถามอีกจะแสดงใหม่` });
  });
  return router;
}
