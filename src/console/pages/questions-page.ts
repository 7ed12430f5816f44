import type { TownNameMismatch } from '../../content/import/town-names.js';
import type { SearchItem } from '../../content/search-items.js';
import { formatDateTimeThai } from '../../thai/date.js';
import { html, num } from '../../http/html.js';
import { csrfField, layout, notice, postButton, type Viewer } from '../layout.js';

/** One question as residents asked it (normalised), how often, and what the bot answers now. */
export interface QuestionRow {
  /** The group's key, sent back to dismiss it. */
  group: string;
  /** The question, or null when the log kept no text (it could have been a report). */
  text: string | null;
  count: number;
  lastAt: string;
  /** What it matched when asked (low-confidence and unhelpful rows). */
  matchedTitle?: string;
  /** The answer the bot would give now (after staff changes), or null. */
  nowAnswer: string | null;
  /** The item the form preselects: the best hit, confident or not. */
  suggested: string | null;
}

const KIND_NAMES: Record<string, string> = {
  ita: 'ผล ITA',
  measure: 'มาตรการ',
  announcement: 'ประกาศ',
  section: 'ข้อในประกาศ',
  publication: 'ข่าวสาร',
};

function itemOptions(items: SearchItem[], selected: string | null) {
  return items.map(
    (i) =>
      html`<option value="${i.id}"${i.id === selected ? ' selected' : ''}>${KIND_NAMES[i.kind] ?? i.kind}: ${i.title.slice(0, 90)}</option>`,
  );
}

function actions(viewer: Viewer, row: QuestionRow, items: SearchItem[]) {
  const dismiss = postButton(viewer, '/questions/dismiss', 'ซ่อน (ไม่เกี่ยวกับงานของเทศบาล)', {
    fields: { group: row.group },
    kind: 'secondary',
  });
  if (row.text === null) return dismiss;
  return html`<form method="post" action="${viewer.root}/questions/alias" class="inline wrap">${csrfField(viewer)}
    <input type="hidden" name="phrase" value="${row.text}">
    <select name="item" aria-label="เรื่องที่ใช้ตอบ">${itemOptions(items, row.suggested)}</select>
    <button type="submit">ให้ตอบด้วยเรื่องนี้</button></form>
  <form method="post" action="${viewer.root}/questions/synonym" class="inline wrap">${csrfField(viewer)}
    <input name="term" value="${row.text}" aria-label="คำที่ผู้ถามใช้" maxlength="60" required>
    <span>มีความหมายเดียวกับ</span>
    <input name="same" list="known-terms" aria-label="คำที่บอทรู้จัก" maxlength="60" required placeholder="เช่น ทุจริต">
    <button type="submit">เพิ่มคำพ้องความหมาย</button></form>
  ${dismiss}`;
}

function table(
  viewer: Viewer,
  rows: QuestionRow[],
  items: SearchItem[],
  opts: { canImprove: boolean; matched: boolean },
) {
  if (rows.length === 0) return html`<p>ไม่มีคำถามในกลุ่มนี้</p>`;
  return html`<div class="table-wrap"><table class="questions">
<thead><tr><th>คำถาม</th><th class="n">ครั้ง</th><th>ถามล่าสุด</th>${opts.matched ? html`<th>ตอบด้วย (ตอนถาม)</th>` : ''}<th>ตอนนี้บอทตอบ</th></tr></thead>
${rows.map(
  (
    r,
  ) => html`<tbody class="question"><tr><td class="question-text" data-label="คำถาม">${r.text ?? html`<span class="hint">ไม่ได้เก็บข้อความ (อาจเป็นการแจ้งเรื่อง)</span>`}</td><td class="n" data-label="ครั้ง">${num(r.count)}</td><td data-label="ถามล่าสุด"><span class="nowrap">${formatDateTimeThai(new Date(r.lastAt))}</span></td>
${opts.matched ? html`<td data-label="ตอบด้วย (ตอนถาม)">${r.matchedTitle ?? ''}</td>` : ''}<td data-label="ตอนนี้บอทตอบ">${r.nowAnswer ?? html`<span class="badge">ยังตอบไม่ได้</span>`}</td></tr>
${opts.canImprove ? html`<tr class="improve"><td colspan="${opts.matched ? 5 : 4}">${actions(viewer, r, items)}</td></tr>` : ''}</tbody>`,
)}</table></div>`;
}

function mismatchTable(rows: TownNameMismatch[]) {
  if (rows.length === 0) return '';
  return html`<h2>ชื่อเทศบาลในเอกสารไม่ตรงกับรายงาน ITA</h2>
<p class="hint">บอทยกข้อความจากเอกสารตามต้นฉบับ หากชื่อที่สะกดต่างไปทำให้ประชาชนสับสน เผยแพร่ข่าวแจ้งแก้ไขได้ที่หน้าข่าวสาร</p>
<div class="table-wrap"><table class="mismatches"><thead><tr><th>เอกสาร</th><th>ตำแหน่ง</th><th>เขียนว่า</th><th>ชื่อในรายงาน ITA</th></tr></thead>
<tbody>${rows.map((m) => html`<tr><td data-label="เอกสาร">${m.fileName}</td><td data-label="ตำแหน่ง">${m.where.th}</td><td data-label="เขียนว่า">${m.written}</td><td data-label="ชื่อในรายงาน ITA">${m.report}</td></tr>`)}</tbody></table></div>`;
}

/** Unanswered, low-confidence and 👎 questions, with the actions that improve the answers. */
export function questionsPage(
  viewer: Viewer,
  data: {
    unanswered: QuestionRow[];
    lowConfidence: QuestionRow[];
    unhelpful: QuestionRow[];
    mismatches: TownNameMismatch[];
    items: SearchItem[];
    knownTerms: string[];
    canImprove: boolean;
    period: string;
    message?: { kind: 'ok' | 'error'; text: string };
  },
) {
  return layout(viewer, {
    title: 'คำถามที่บอทยังตอบไม่ดี',
    active: 'questions',
    wide: true,
    body: html`${data.message ? notice(data.message.kind, data.message.text) : ''}
<p class="hint">คำถามจริงจากประชาชน (ไม่มีข้อมูลผู้ถาม) ${data.canImprove ? 'กด "ให้ตอบด้วยเรื่องนี้" เพื่อผูกคำถามกับเรื่องที่ถูกต้อง หรือเพิ่มคำพ้องความหมายให้บอทเข้าใจคำที่ประชาชนใช้ การเปลี่ยนแปลงมีผลทันที' : ''}</p>
<form method="get" action="${viewer.root}/questions" class="filters"><label>ช่วงเวลา <select name="period">
  <option value="quarter"${data.period === 'quarter' ? ' selected' : ''}>ไตรมาสนี้</option>
  <option value="all"${data.period === 'all' ? ' selected' : ''}>ทั้งหมด</option></select></label><button type="submit">แสดง</button></form>
<datalist id="known-terms">${data.knownTerms.map((t) => html`<option value="${t}">`)}</datalist>
<h2>ยังตอบไม่ได้</h2>
${table(viewer, data.unanswered, data.items, { canImprove: data.canImprove, matched: false })}
<h2>ตอบได้แต่ไม่มั่นใจ</h2>
${table(viewer, data.lowConfidence, data.items, { canImprove: data.canImprove, matched: true })}
<h2>ประชาชนกด 👎 ว่าคำตอบไม่ตรงคำถาม</h2>
${table(viewer, data.unhelpful, data.items, { canImprove: data.canImprove, matched: true })}
${mismatchTable(data.mismatches)}`,
  });
}
