import type { TipDesk } from '../../tips/tip-desk.js';
import { formatDateThai, formatDateTimeThai } from '../../thai/date.js';
import { html, multiline, num, type Html } from '../../http/html.js';
import { csrfField, layout, notice, type Viewer } from '../layout.js';
import { tipNumberText } from '../../tips/tip-number.js';
import { TIP_STATUS_NAMES, tipStatusName } from '../../tips/tip-model.js';

type TipRow = Awaited<ReturnType<TipDesk['list']>>[number];
type TipFull = NonNullable<Awaited<ReturnType<TipDesk['read']>>>;

const when = (iso: string | null) => (iso ? formatDateTimeThai(new Date(iso)) : '-');
const channelName = (c: string) => (c === 'web' ? 'แบบฟอร์มเว็บ' : 'LINE');
/** "ทาง LINE", "ทางแบบฟอร์มเว็บ": Thai runs on without a space, a Latin word gets one. */
const viaChannel = (c: string) => (c === 'web' ? 'ทางแบบฟอร์มเว็บ' : 'ทาง LINE');
const identityName = (i: string) => (i === 'anonymous' ? 'ไม่ระบุตัวตน' : 'ปกปิดตัวตน (ระบบเก็บไว้เพื่อแจ้งความคืบหน้า)');

function overdueBadge(t: TipRow): Html | '' {
  if (!t.overdue.any) return '';
  return html`<span class="badge overdue">${t.overdue.acknowledge ? 'เกินกำหนดตอบรับ 7 วัน' : 'เกินกำหนดแจ้งผล'}</span>`;
}

/** Tips by status, overdue deadlines highlighted; no content in the list. */
export function tipsListPage(
  viewer: Viewer,
  data: { tips: TipRow[]; status: string; overdueOnly: boolean; counts: Record<string, number> },
) {
  const tab = (status: string, label: string, count?: number) =>
    html`<a href="${viewer.root}/tips?status=${status}"${data.status === status && !data.overdueOnly ? html` aria-current="page"` : ''}>${label}${count === undefined ? '' : ` (${num(count)})`}</a>`;
  return layout(viewer, {
    title: 'เบาะแสการทุจริต',
    active: 'tips',
    wide: true,
    body: html`<p class="hint">เฉพาะผู้รับเรื่องเบาะแสเห็นหน้านี้ การเปิดอ่านทุกครั้งถูกบันทึกไว้ (ไม่บันทึกเนื้อหา)</p>
<nav class="tabs filters" aria-label="สถานะ">${tab('open', 'ยังไม่ปิด', data.counts.open)}
${Object.entries(TIP_STATUS_NAMES).map(([id, name]) => tab(id, name, data.counts[id]))}
<a href="${viewer.root}/tips?overdue=1"${data.overdueOnly ? html` aria-current="page"` : ''}>เกินกำหนด (${num(data.counts.overdue ?? 0)})</a>${tab('all', 'ทั้งหมด')}</nav>
${
  data.tips.length === 0
    ? html`<p>ไม่มีเบาะแสในกลุ่มนี้</p>`
    : html`<div class="table-wrap"><table class="tips stack">
<thead><tr><th>เลขที่</th><th>รับเมื่อ</th><th>สถานะ</th><th>ช่องทาง</th><th>ตอบรับภายใน</th><th>แจ้งผลภายใน</th><th class="n">ไฟล์</th></tr></thead>
<tbody>${data.tips.map(
        (
          t,
        ) => html`<tr class="${t.overdue.any ? 'overdue' : ''}" data-tip="${t.id}"><td data-label="เลขที่"><a href="${viewer.root}/tips/${t.id}" class="tip-number">${tipNumberText(t.number)}</a> ${overdueBadge(t)}</td>
<td class="date" data-label="รับเมื่อ">${when(t.receivedAt)}</td><td data-label="สถานะ">${t.statusName}</td><td data-label="ช่องทาง">${channelName(t.channel)}</td>
<td class="date" data-label="ตอบรับภายใน">${t.acknowledgedAt ? 'ตอบรับแล้ว' : formatDateThai(new Date(t.deadlines.acknowledgeBy), 'short')}</td>
<td class="date" data-label="แจ้งผลภายใน">${t.feedbackAt ? 'แจ้งผลแล้ว' : formatDateThai(new Date(t.deadlines.feedbackBy), 'short')}</td><td class="n" data-label="ไฟล์">${t.attachmentCount}</td></tr>`,
      )}</tbody></table></div>`
}`,
  });
}

function statusForm(viewer: Viewer, tip: TipFull) {
  return html`<form method="post" action="${viewer.root}/tips/${tip.id}/status" class="card">${csrfField(viewer)}
  <label for="status">เปลี่ยนสถานะเป็น</label>
  <select id="status" name="status">${Object.entries(TIP_STATUS_NAMES).map(([id, name]) => html`<option value="${id}"${id === tip.status ? ' selected' : ''}>${name}</option>`)}</select>
  <label for="publicNote">ข้อความถึงผู้แจ้ง (ผู้แจ้งเห็นเมื่อตรวจสถานะด้วยเลขรับเรื่อง; ไม่บังคับ)</label>
  <textarea id="publicNote" name="publicNote" maxlength="5000"></textarea>
  <label for="outcome">ผลการดำเนินการ (ต้องกรอกเมื่อปิดเรื่อง; ผู้แจ้งเห็น)</label>
  <textarea id="outcome" name="outcome" maxlength="5000"></textarea>
  <button type="submit" class="primary">บันทึกสถานะ</button></form>`;
}

function noteForm(viewer: Viewer, tip: TipFull) {
  return html`<form method="post" action="${viewer.root}/tips/${tip.id}/notes" class="card">${csrfField(viewer)}
  <label for="note">บันทึกภายใน (เห็นเฉพาะผู้รับเรื่องเบาะแส)</label>
  <textarea id="note" name="text" required maxlength="5000"></textarea>
  <button type="submit">เพิ่มบันทึก</button></form>`;
}

function contentBlock(tip: TipFull) {
  const c = tip.content;
  if (!c) return notice('info', 'เนื้อหาของเบาะแสนี้ถูกลบแล้วตามระยะเวลาการเก็บรักษา เหลือเพียงสถานะและวันที่สำหรับสถิติ');
  const part = (label: string, text: string | null) =>
    html`<h3>${label}</h3><div class="inert-text" data-part="${label}">${text ? multiline(text) : html`<span class="small">ไม่ได้ระบุ</span>`}</div>`;
  return html`${part('เกิดอะไรขึ้น', c.what)}${part('ผู้เกี่ยวข้อง / หน่วยงาน', c.who)}${part('เมื่อใด', c.when)}${part('ที่ไหน', c.where)}
${c.additions.map((a) => html`<h3>ข้อมูลเพิ่มเติม (${when(a.at)})</h3><div class="inert-text">${multiline(a.text)}</div>`)}`;
}

/** A tip in full: what was reported, evidence, history, notes, and the handling forms. */
export function tipPage(viewer: Viewer, tip: TipFull, message?: { kind: 'ok' | 'error'; text: string }) {
  return layout(viewer, {
    title: `เบาะแสเลขที่ ${tipNumberText(tip.number)}`,
    active: 'tips',
    wide: true,
    body: html`${message ? notice(message.kind, message.text) : ''}
<p><a href="${viewer.root}/tips">← รายการเบาะแส</a></p>
<div class="table-wrap"><table class="figures"><tbody>
<tr><th scope="row">สถานะ</th><td data-field="status">${tip.statusName} ${tip.overdue.any ? html`<span class="badge overdue">เกินกำหนด</span>` : ''}</td></tr>
<tr><th scope="row">รับเมื่อ</th><td><span class="nowrap">${when(tip.receivedAt)}</span> ${viaChannel(tip.channel)}</td></tr>
<tr><th scope="row">ผู้แจ้ง</th><td>${identityName(tip.identity)}${tip.notifiesReporter ? ' · ขอรับแจ้งความคืบหน้าทาง LINE' : ''}</td></tr>
<tr><th scope="row">ตอบรับภายใน</th><td>${formatDateThai(new Date(tip.deadlines.acknowledgeBy))}${tip.acknowledgedAt ? ` (ตอบรับแล้ว ${when(tip.acknowledgedAt)})` : ''}</td></tr>
<tr><th scope="row">แจ้งผลภายใน</th><td>${formatDateThai(new Date(tip.deadlines.feedbackBy))}${tip.feedbackAt ? ` (แจ้งผลแล้ว ${when(tip.feedbackAt)})` : ''}</td></tr>
${tip.outcome ? html`<tr><th scope="row">ผลการดำเนินการ</th><td class="inert-text">${multiline(tip.outcome)}</td></tr>` : ''}
</tbody></table></div>
<h2>สิ่งที่แจ้งมา</h2>
${contentBlock(tip)}
<h2>หลักฐาน (${tip.attachments.length})</h2>
${tip.attachments.length === 0 ? html`<p>ไม่มีไฟล์แนบ</p>` : html`<div class="evidence">${tip.attachments.map((a, i) => html`<a href="${viewer.root}/tips/${tip.id}/attachments/${a.id}" target="_blank" rel="noopener"><img src="${viewer.root}/tips/${tip.id}/attachments/${a.id}" alt="หลักฐานชิ้นที่ ${i + 1}"></a>`)}</div>`}
<h2>ประวัติสถานะ</h2>
${tip.history.length === 0 ? html`<p>ยังไม่มีการเปลี่ยนสถานะ</p>` : html`<ul class="history">${tip.history.map((h) => html`<li>${when(h.at)}: ${tipStatusName(h.from)} → ${tipStatusName(h.to)} โดย ${h.by}</li>`)}</ul>`}
<h2>ข้อความถึงผู้แจ้ง</h2>
${tip.publicNotes.length === 0 ? html`<p>-</p>` : tip.publicNotes.map((n) => html`<p class="small">${when(n.at)}</p><div class="inert-text">${multiline(n.text)}</div>`)}
<h2>บันทึกภายใน</h2>
${tip.internalNotes.length === 0 ? html`<p>-</p>` : tip.internalNotes.map((n) => html`<p class="small">${when(n.at)} · ${n.by}</p><div class="inert-text">${multiline(n.text)}</div>`)}
${tip.purged ? '' : html`<h2>ดำเนินการ</h2><div class="two-col">${statusForm(viewer, tip)}${noteForm(viewer, tip)}</div>`}`,
  });
}
