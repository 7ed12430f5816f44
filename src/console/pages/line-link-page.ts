import { LINK_CODE } from '../../staff/line-link.js';
import { formatDateTimeThai } from '../../thai/date.js';
import { html } from '../../http/html.js';
import { layout, notice, postButton, type Viewer } from '../layout.js';

export interface LineLinkView {
  linkedAt: Date | undefined;
  code?: { code: string; expiresAt: Date };
  message?: { kind: 'ok' | 'error' | 'info'; text: string };
}

const hhmm = (at: Date) => formatDateTimeThai(at).split(' ').slice(-2).join(' ');

/**
 * Linking the staff member's own LINE for test-sends: a short code shown here and sent from
 * their phone to the bot. Nobody types or sees a LINE user id.
 */
export function lineLinkPage(viewer: Viewer, v: LineLinkView) {
  const status = v.linkedAt
    ? notice('ok', `เชื่อมบัญชี LINE ของคุณแล้ว (เมื่อ ${formatDateTimeThai(v.linkedAt)}) ข่าวที่กด “ส่งทดสอบ” จะส่งไปที่ LINE นั้น`)
    : notice('info', 'ยังไม่ได้เชื่อมบัญชี LINE ของคุณ จึงยังส่งทดสอบไม่ได้');
  const code = v.code
    ? html`<section class="card link-code" aria-labelledby="code-title">
<h2 id="code-title">รหัสเชื่อมบัญชีของคุณ</h2>
<p class="code" data-code="${v.code.code}">${v.code.code}</p>
<ol><li>เปิด LINE บนโทรศัพท์ของคุณ ไปที่แชตของบัญชีเทศบาล</li><li>พิมพ์ <strong>เชื่อมบัญชี ${v.code.code}</strong> แล้วส่ง</li><li>เมื่อบอทตอบว่าเชื่อมแล้ว กด “ตรวจสอบอีกครั้ง” ด้านล่าง</li></ol>
<p class="small">รหัสใช้ได้ครั้งเดียว ภายใน ${LINK_CODE.minutes} นาที (ถึง ${hhmm(v.code.expiresAt)}) อย่าส่งรหัสนี้ให้ผู้อื่น</p>
<p><a href="${viewer.root}/line-link">ตรวจสอบอีกครั้ง</a></p></section>`
    : '';
  return layout(viewer, {
    title: 'เชื่อมบัญชี LINE สำหรับส่งทดสอบ',
    active: 'publications',
    body: html`${v.message ? notice(v.message.kind, v.message.text) : ''}${status}${code}
<div class="actions">${postButton(viewer, '/line-link/code', v.code || v.linkedAt ? 'ขอรหัสใหม่' : 'ขอรหัสเชื่อมบัญชี')}
${v.linkedAt ? postButton(viewer, '/line-link/remove', 'ยกเลิกการเชื่อม', { kind: 'danger', confirm: 'ยกเลิกการเชื่อมบัญชี LINE? จะส่งทดสอบไม่ได้จนกว่าจะเชื่อมใหม่' }) : ''}</div>
<p><a href="${viewer.root}/publications/new">← เขียนข่าวสาร</a></p>`,
  });
}
