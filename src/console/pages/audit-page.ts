import type { AuditCheck } from '../../staff/audit-file.js';
import type { AuditEntry } from '../../staff/audit-log.js';
import { formatDateTimeThai } from '../../thai/date.js';
import { actionName, reasonInThai } from '../audit-labels.js';
import { html, num } from '../html.js';
import { layout, notice, type Viewer } from '../layout.js';

export const AUDIT_PAGE_SIZE = 50;

/** The verification result, in words an auditor can act on. */
export function auditCheckNotice(check: AuditCheck) {
  if (check.ok) return notice('ok', `ตรวจสอบแล้ว: บันทึกการตรวจสอบครบถ้วน ไม่มีการแก้ไขหรือลบ (${num(check.count)} รายการ)`);
  return notice(
    'error',
    html`<strong>พบความผิดปกติ:</strong> บันทึกการตรวจสอบถูกแก้ไขหรือลบ ที่รายการลำดับ ${check.at} — ${reasonInThai(check.reason)}
      <span class="small" lang="en">(${check.reason})</span>`,
  );
}

/** The audit trail as it is on disk, newest first, with the result of checking its chain. */
export function auditPage(viewer: Viewer, data: { entries: AuditEntry[]; check: AuditCheck; suspects: Set<number>; page: number; actor: string; action: string }) {
  const filtered = data.entries.map((e, i) => Object.assign({ ...e }, { pos: i + 1 })).filter((e) => (!data.actor || e.actor === data.actor) && (!data.action || e.action.startsWith(data.action)));
  const newestFirst = [...filtered].reverse();
  const pages = Math.max(1, Math.ceil(newestFirst.length / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, data.page), pages);
  const rows = newestFirst.slice((page - 1) * AUDIT_PAGE_SIZE, page * AUDIT_PAGE_SIZE);
  const link = (p: number) => `/staff/audit?${new URLSearchParams({ page: String(p), actor: data.actor, action: data.action })}`;
  return layout(viewer, {
    title: 'บันทึกการตรวจสอบ',
    active: 'audit',
    wide: true,
    body: html`${auditCheckNotice(data.check)}
<p class="hint">ทุกการกระทำของเจ้าหน้าที่ถูกบันทึกไว้ที่นี่ (ใคร ทำอะไร เมื่อใด กับรายการใด) โดยไม่มีเนื้อหาของเบาะแส แต่ละรายการผูกกับรายการก่อนหน้าด้วยรหัสลับ การแก้ไขหรือลบรายการใดจะถูกตรวจพบ</p>
<form method="get" action="/staff/audit" class="filters">
  <label>ผู้กระทำ <input name="actor" value="${data.actor}" maxlength="40"></label>
  <label>การกระทำ <input name="action" value="${data.action}" maxlength="40" placeholder="เช่น tip หรือ login"></label>
  <button type="submit">กรอง</button>
</form>
<div class="table-wrap"><table class="audit">
<thead><tr><th>ลำดับ</th><th>เวลา</th><th>ผู้กระทำ</th><th>การกระทำ</th><th>รายการ</th><th>รายละเอียด</th></tr></thead>
<tbody>${rows.map(
      (e) => html`<tr${data.suspects.has(e.pos) ? html` class="broken" title="รายการนี้ถูกแก้ไขหรือไม่ต่อจากรายการก่อนหน้า"` : ''}><td>${e.seq}</td><td>${safeDate(e.at)}</td><td>${e.actor}</td><td>${actionName(e.action)}</td><td>${e.target ?? ''}</td><td>${details(e)}</td></tr>`,
    )}</tbody></table></div>
${rows.length === 0 ? html`<p>ไม่มีรายการ</p>` : ''}
<p class="pager">${page > 1 ? html`<a href="${link(page - 1)}">ก่อนหน้า (ใหม่กว่า)</a>` : ''} หน้า ${page} จาก ${pages} ${page < pages ? html`<a href="${link(page + 1)}">ถัดไป (เก่ากว่า)</a>` : ''}</p>`,
  });
}

function safeDate(at: unknown): string {
  const d = new Date(String(at));
  return Number.isNaN(d.getTime()) ? String(at) : formatDateTimeThai(d);
}

function details(e: AuditEntry): string {
  return Object.entries(e.details ?? {})
    .filter(([k]) => k !== 'ref')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
}
