import type { AuditCheck } from '../../staff/audit-file.js';
import type { AuditEntry } from '../../staff/audit-log.js';
import { formatDateTimeThai } from '../../thai/date.js';
import { reasonInThai } from '../audit-labels.js';
import { auditSentence, type AuditNames } from '../audit-sentences.js';
import { html, num } from '../../http/html.js';
import { layout, notice, type Viewer } from '../layout.js';

const AUDIT_PAGE_SIZE = 50;

/** The verification result, in words an auditor can act on. */
function auditCheckNotice(check: AuditCheck) {
  if (check.ok) return notice('ok', `ตรวจสอบแล้ว: บันทึกการตรวจสอบครบถ้วน ไม่มีการแก้ไขหรือลบ (${num(check.count)} รายการ)`);
  return notice(
    'error',
    html`<strong>พบความผิดปกติ:</strong> บันทึกการตรวจสอบถูกแก้ไขหรือลบ ที่รายการลำดับ ${check.at} — ${reasonInThai(check.reason)}
      <span class="small" lang="en">(${check.reason})</span>`,
  );
}

/** Kinds of action an auditor filters by, in Thai; the value is matched as a prefix of the action code. */
const AUDIT_GROUPS: Array<{ key: string; name: string; prefixes: string[] }> = [
  { key: 'login', name: 'เข้าสู่ระบบ ออกจากระบบ และรหัสผ่าน', prefixes: ['login', 'logout', 'password.'] },
  { key: 'account', name: 'จัดการบัญชีผู้ใช้', prefixes: ['account.'] },
  { key: 'tip', name: 'เบาะแส', prefixes: ['tip.', 'tips.'] },
  { key: 'publication', name: 'ข่าวสาร', prefixes: ['publication.'] },
  { key: 'report', name: 'รายงาน', prefixes: ['report.'] },
  { key: 'question', name: 'คำถามของประชาชน', prefixes: ['question.'] },
  { key: 'line-link', name: 'เชื่อมบัญชี LINE', prefixes: ['line-link.'] },
  { key: 'access.denied', name: 'ถูกปฏิเสธ (ไม่มีสิทธิ์)', prefixes: ['access.denied'] },
];

/** Whether an action is in the chosen group (or is the chosen action); '' is everything. */
function inFilter(action: string, chosen: string): boolean {
  if (!chosen) return true;
  const group = AUDIT_GROUPS.find((g) => g.key === chosen);
  return group ? group.prefixes.some((p) => action.startsWith(p)) : action === chosen;
}

export interface AuditPageData {
  entries: AuditEntry[];
  check: AuditCheck;
  suspects: Set<number>;
  page: number;
  actor: string;
  action: string;
  names: AuditNames;
}

function filterForm(viewer: Viewer, data: AuditPageData) {
  const actors = [...new Set(data.entries.map((e) => e.actor))].sort((a, b) => a.localeCompare(b));
  const option = (value: string, label: string, chosen: string) =>
    html`<option value="${value}"${value === chosen ? ' selected' : ''}>${label}</option>`;
  return html`<form method="get" action="${viewer.root}/audit" class="filters">
  <label>ผู้กระทำ <select id="audit-actor" name="actor">${option('', 'ทุกคน', data.actor)}${actors.map((a) => option(a, a === '(unknown)' ? 'ผู้ใช้ที่ไม่มีบัญชี' : a, data.actor))}</select></label>
  <label>การกระทำ <select id="audit-action" name="action">${option('', 'ทุกอย่าง', data.action)}${AUDIT_GROUPS.map((g) => option(g.key, g.name, data.action))}</select></label>
  <button type="submit">กรอง</button>
</form>`;
}

/** The audit trail as it is on disk, newest first, each entry a Thai sentence, with the result of checking its chain. */
export function auditPage(viewer: Viewer, data: AuditPageData) {
  const filtered = data.entries
    .map((e, i) => Object.assign({ ...e }, { pos: i + 1 }))
    .filter((e) => (!data.actor || e.actor === data.actor) && inFilter(e.action, data.action));
  const newestFirst = [...filtered].reverse();
  const pages = Math.max(1, Math.ceil(newestFirst.length / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, data.page), pages);
  const rows = newestFirst.slice((page - 1) * AUDIT_PAGE_SIZE, page * AUDIT_PAGE_SIZE);
  const link = (p: number) =>
    `${viewer.root}/audit?${new URLSearchParams({ page: String(p), actor: data.actor, action: data.action }).toString()}`;
  return layout(viewer, {
    title: 'บันทึกการตรวจสอบ',
    active: 'audit',
    wide: true,
    body: html`${auditCheckNotice(data.check)}
<p class="hint">ทุกการกระทำของเจ้าหน้าที่ถูกบันทึกไว้ที่นี่ (ใคร ทำอะไร เมื่อใด กับรายการใด) โดยไม่มีเนื้อหาของเบาะแสหรือข้อมูลส่วนบุคคล เวลาเป็นเวลาประเทศไทย แต่ละรายการผูกกับรายการก่อนหน้าด้วยรหัสลับ การแก้ไขหรือลบรายการใดจะถูกตรวจพบ</p>
${filterForm(viewer, data)}
<div class="table-wrap"><table class="audit stack">
<thead><tr><th class="n">ลำดับ</th><th>เวลา</th><th>เหตุการณ์</th></tr></thead>
<tbody>${rows.map(
      (e) =>
        html`<tr${data.suspects.has(e.pos) ? html` class="broken"` : ''}><td class="n" data-label="ลำดับ">${e.seq}</td><td class="date" data-label="เวลา">${safeDate(e.at)}</td><td class="sentence">${auditSentence(e, data.names)}${data.suspects.has(e.pos) ? html` <strong>(รายการนี้ถูกแก้ไขหรือไม่ต่อจากรายการก่อนหน้า)</strong>` : ''}</td></tr>`,
    )}</tbody></table></div>
${rows.length === 0 ? html`<p>ไม่มีรายการ</p>` : ''}
<p class="pager">${page > 1 ? html`<a href="${link(page - 1)}">ก่อนหน้า (ใหม่กว่า)</a>` : ''} หน้า ${page} จาก ${pages} ${page < pages ? html`<a href="${link(page + 1)}">ถัดไป (เก่ากว่า)</a>` : ''}</p>`,
  });
}

function safeDate(at: unknown): string {
  const d = new Date(String(at));
  return Number.isNaN(d.getTime()) ? String(at) : formatDateTimeThai(d);
}
