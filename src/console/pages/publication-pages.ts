import type { messagingApi } from '@line/bot-sdk';
import type { PublicationView } from '../../publications/publication-view.js';
import { formatDateTimeThai } from '../../thai/date.js';
import { Html, html, multiline, num } from '../../http/html.js';
import { ROLE_NAMES } from '../../staff/roles.js';
import { csrfField, layout, notice, postButton, type Viewer } from '../layout.js';
import { TOPICS, topicName } from '../../subscriptions/topic-names.js';
import { deliveryCells, DELIVERY_HEADERS, stateName } from './delivery-cells.js';

export type Draft = Partial<Record<'title' | 'body' | 'topic' | 'url' | 'imageUrl' | 'publishAt' | 'urgent', string>>;
type Message = { kind: 'ok' | 'error'; text: string; details?: string[] };

/** The state staff care about: the publication's when it is settled, otherwise where its delivery is. */
const figuresOf = (p: PublicationView) => ({
  ...p.delivery,
  state: p.status === 'sent' || p.status === 'failed' || p.status === 'cancelled' ? p.status : p.delivery.state,
});
const BATCH_STATES: Record<string, string> = {
  pending: 'รอส่ง',
  accepted: 'LINE รับแล้ว',
  failed: 'ไม่สำเร็จ',
  dropped: 'ไม่มีผู้รับเหลือ',
};
/** How a batch went out: to the topic's subscribers by name, or to every friend at once. */
const BATCH_KINDS: Record<string, string> = { multicast: 'ส่งถึงผู้รับตามรายชื่อ', broadcast: 'ส่งถึงเพื่อนทุกคน' };
const when = (iso: string | null) => (iso ? formatDateTimeThai(new Date(iso)) : '-');
const shown = (m?: Message) =>
  m ? notice(m.kind, m.details?.length ? html`${m.text}<br>${m.details.map((d) => html`• ${d}<br>`)}` : m.text) : '';

/**
 * The Flex message, as JSON in a data block (a script element of type application/json is
 * never run, so the CSP allows it); console.js draws it with the demo chat's renderer.
 */
export const flexData = (id: string, message: messagingApi.Message | undefined) =>
  // Script content is raw text: no entities; escaping every "<" keeps "</script>" out of it
  html`<script type="application/json" id="${id}">${new Html(JSON.stringify(message ?? null).replace(/</g, '\\u003c'))}</script>`;

/** Publications, newest first, with their delivery figures. */
export function publicationsListPage(viewer: Viewer, list: PublicationView[], canWrite: boolean) {
  return layout(viewer, {
    title: 'ข่าวสาร',
    active: 'publications',
    wide: true,
    body: html`${canWrite ? html`<p><a class="button-link" href="${viewer.root}/publications/new">+ เขียนข่าวสารใหม่</a></p>` : notice('info', html`บัญชีของคุณ (${ROLE_NAMES[viewer.role]}) ดูข่าวสารและผลการส่งได้ แต่เขียนและเผยแพร่ไม่ได้: การส่งข่าวถึงประชาชนทำได้เฉพาะบทบาท<strong>${ROLE_NAMES.editor}</strong> เพื่อให้รู้ได้เสมอว่าใครเป็นผู้ส่ง หากต้องการเผยแพร่ ขอให้ผู้ดูแลระบบสร้างบัญชีบทบาทนั้นให้`)}
${
  list.length === 0
    ? html`<p>ยังไม่มีข่าวสาร</p>`
    : html`<div class="table-wrap"><table class="publications stack"><thead><tr><th>เรื่อง</th><th>หัวข้อ</th><th>เวลาส่ง</th>${DELIVERY_HEADERS}<th><span class="visually-hidden">ดำเนินการ</span></th></tr></thead>
<tbody>${list.map(
        (
          p,
        ) => html`<tr data-publication="${p.id}"><td data-label="เรื่อง"><a href="${viewer.root}/publications/${p.id}">${p.title}</a>${p.urgent ? html` <span class="badge">ส่งถึงทุกคน</span>` : ''}</td>
<td data-label="หัวข้อ">${topicName(p.topic)}</td><td data-label="เวลาส่ง" class="date">${when(p.publishAt)}</td>${deliveryCells(figuresOf(p))}
<td>${canWrite && p.status === 'scheduled' ? postButton(viewer, `/publications/${p.id}/cancel`, 'ยกเลิก', { kind: 'danger', confirm: `ยกเลิกการส่ง "${p.title}"?` }) : ''}</td></tr>`,
      )}</tbody></table></div>`
}`,
  });
}

/** A label tied to its field by id (screen readers name the field by it). */
function field(label: string, id: string, input: ReturnType<typeof html>, hint?: string) {
  return html`<label for="${id}">${label}${hint ? html` <span class="small">${hint}</span>` : ''}</label>${input}`;
}

/** Test-send to the editor's own LINE, once it is linked by a code (no user id is ever typed). */
function testSendBox(viewer: Viewer, linked: boolean, action = `${viewer.root}/publications/test-send`) {
  return html`<fieldset class="test-send"><legend>ส่งทดสอบไปที่ LINE ของคุณก่อน</legend>
    ${
      linked
        ? html`<button type="submit" formaction="${action}" formnovalidate>ส่งทดสอบไปที่ LINE ของฉัน</button><span class="small">ไม่นับในสถิติการส่ง · <a href="${viewer.root}/line-link">บัญชี LINE ที่เชื่อมไว้</a></span>`
        : html`<p class="small">ยังไม่ได้เชื่อมบัญชี LINE ของคุณ <a href="${viewer.root}/line-link">เชื่อมบัญชี LINE</a> (ครั้งเดียว: ส่งรหัส 6 หลักจาก LINE ของคุณ)</p>`
    }</fieldset>`;
}

/** The compose form with its live preview (drawn by the same Flex renderer as the demo chat). */
export function composePage(viewer: Viewer, draft: Draft, linked: boolean, message?: Message) {
  return layout(viewer, {
    title: 'เขียนข่าวสารใหม่',
    active: 'publications',
    wide: true,
    body: html`${shown(message)}
<div class="compose">
<form method="post" action="${viewer.root}/publications" class="card" id="compose" data-preview-url="${viewer.root}/publications/preview" data-preview-target="preview">${csrfField(viewer)}
  ${field('หัวข้อ', 'topic', html`<select name="topic" id="topic">${TOPICS.map((t) => html`<option value="${t.id}"${t.id === draft.topic ? ' selected' : ''}>${t.name}</option>`)}</select>`)}
  ${field('ชื่อเรื่อง', 'title', html`<input name="title" id="title" required maxlength="200" value="${draft.title ?? ''}">`)}
  ${field('เนื้อหา', 'body', html`<textarea name="body" id="body" required maxlength="3000">${draft.body ?? ''}</textarea>`)}
  ${field('ลิงก์อ่านต่อ', 'url', html`<input name="url" id="url" type="url" maxlength="1000" placeholder="https://" value="${draft.url ?? ''}">`, '(ไม่บังคับ)')}
  ${field('ลิงก์รูปภาพ', 'imageUrl', html`<input name="imageUrl" id="imageUrl" type="url" maxlength="2000" placeholder="https://" value="${draft.imageUrl ?? ''}">`, '(ไม่บังคับ, https เท่านั้น)')}
  ${field('ตั้งเวลาส่ง', 'publishAt', html`<input name="publishAt" id="publishAt" type="datetime-local" value="${draft.publishAt ?? ''}">`, '(เวลาประเทศไทย; เว้นว่างเพื่อส่งทันที)')}
  <label class="check"><input type="checkbox" name="urgent" value="1"${draft.urgent ? ' checked' : ''}> ประกาศด่วน: ส่งถึงเพื่อนทุกคน ไม่ใช่เฉพาะผู้รับหัวข้อนี้</label>
  <button type="submit" class="primary">ตรวจดูก่อนส่ง</button>
  <p class="small">ขั้นถัดไปจะแสดงจำนวนผู้รับและหัวข้อให้ยืนยันก่อน ยังไม่มีการส่งจนกว่าจะกดยืนยัน</p>
  ${testSendBox(viewer, linked)}
</form>
<aside class="preview" aria-live="polite"><p class="caption">ตัวอย่างที่ผู้รับจะเห็นใน LINE</p><div id="preview" data-state="empty">เปิด JavaScript เพื่อดูตัวอย่าง</div></aside>
</div>`,
  });
}

/** One publication: its text, the message as sent, delivery figures and each batch. */
export function publicationPage(
  viewer: Viewer,
  p: PublicationView,
  preview: messagingApi.Message | undefined,
  canWrite: boolean,
  message?: Message,
  linked = false,
) {
  const f = figuresOf(p);
  return layout(viewer, {
    title: p.title,
    active: 'publications',
    wide: true,
    body: html`${shown(message)}<p><a href="${viewer.root}/publications">← รายการข่าวสาร</a></p>
<div class="compose"><div>
<div class="table-wrap"><table class="figures"><tbody>
<tr><th scope="row">หัวข้อ</th><td>${topicName(p.topic)}${p.urgent ? ' (ส่งถึงเพื่อนทุกคน)' : ''}</td></tr>
<tr><th scope="row">สถานะ</th><td data-figure="state">${stateName(f.state)}${p.failure ? html`<br><span class="small">${p.failure}</span>` : ''}</td></tr>
<tr><th scope="row">เวลาส่ง</th><td>${when(p.publishAt)}</td></tr>
<tr><th scope="row">สร้างโดย</th><td>${p.createdBy} · ${when(p.createdAt)}</td></tr>
${p.url ? html`<tr><th scope="row">ลิงก์</th><td><a href="${p.url}" rel="noopener noreferrer" target="_blank">${p.url}</a></td></tr>` : ''}
</tbody></table></div>
<h2>การส่ง</h2>
<div class="table-wrap"><table class="delivery stack"><thead><tr>${DELIVERY_HEADERS}</tr></thead><tbody><tr>${deliveryCells(f)}</tr></tbody></table></div>
${p.delivery.dropped > 0 ? html`<p class="small">เลิกติดตามหรือยกเลิกรับก่อนถึงรอบส่ง: ${num(p.delivery.dropped)}</p>` : ''}
<h3>รายละเอียดแต่ละชุด</h3>
${
  p.delivery.batches.length === 0
    ? html`<p>ยังไม่มีชุดการส่ง</p>`
    : html`<div class="table-wrap"><table class="batches stack"><thead><tr><th class="n">ชุด</th><th>วิธี</th><th class="n">ผู้รับ</th><th>ผล</th><th class="n">ครั้งที่ลอง</th><th>รหัสคำขอ LINE</th></tr></thead>
<tbody>${p.delivery.batches.map((b) => html`<tr><td class="n" data-label="ชุด">${b.n + 1}</td><td data-label="วิธี">${BATCH_KINDS[b.kind] ?? b.kind}</td><td class="n" data-label="ผู้รับ">${num(b.recipients)}</td><td data-label="ผล">${BATCH_STATES[b.state] ?? b.state}${b.error ? html`<br><span class="small">${b.error.status ?? ''} ${b.error.message}</span>` : ''}</td><td class="n" data-label="ครั้งที่ลอง">${b.attempts}</td><td data-label="รหัสคำขอ LINE"><code>${b.lineRequestId ?? '-'}</code></td></tr>`)}</tbody></table></div>`
}
<h2>เนื้อหา</h2><div class="inert-text">${multiline(p.body)}</div>
${
  canWrite
    ? html`<h2>ดำเนินการ</h2><div class="actions">
${p.status === 'scheduled' ? postButton(viewer, `/publications/${p.id}/cancel`, 'ยกเลิกการส่ง', { kind: 'danger', confirm: 'ยกเลิกการส่งข่าวนี้?' }) : ''}
${p.deliveryState === 'quota-exhausted' ? postButton(viewer, `/publications/${p.id}/resume`, 'ส่งต่อ (หลังโควตาเดือนใหม่)') : ''}
${linked ? postButton(viewer, `/publications/${p.id}/test-send`, 'ส่งทดสอบไปที่ LINE ของฉัน') : html`<p class="small">ส่งทดสอบได้เมื่อ<a href="${viewer.root}/line-link">เชื่อมบัญชี LINE ของคุณ</a>แล้ว</p>`}</div>`
    : ''
}
</div>
<aside class="preview"><p class="caption">ข้อความที่ส่ง</p><div id="preview" data-flex-source="preview-data">เปิด JavaScript เพื่อดูตัวอย่าง</div>${flexData('preview-data', preview)}</aside></div>`,
  });
}
