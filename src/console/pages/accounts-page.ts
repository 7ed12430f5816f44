import type { Account } from '../../staff/account-store.js';
import { ROLE_NAMES, ROLES } from '../../staff/roles.js';
import { formatDateTimeThai } from '../../thai/date.js';
import { html, type Html } from '../../http/html.js';
import { csrfField, layout, notice, postButton, type Viewer } from '../layout.js';

export type AccountsMessage =
  { kind: 'ok' | 'error'; text: string } | { kind: 'password'; name: string; password: string };

function roleSelect(name: string, selected?: string, label?: string): Html {
  return html`<select name="${name}"${label ? html` aria-label="${label}"` : html` id="new-role"`}>${ROLES.map((r) => html`<option value="${r}"${r === selected ? ' selected' : ''}>${ROLE_NAMES[r]} (${r})</option>`)}</select>`;
}

function status(a: Account, now: Date): string {
  if (a.disabled) return 'ระงับ';
  if (a.lockedUntil && a.lockedUntil > now.toISOString()) return `ล็อกถึง ${formatDateTimeThai(new Date(a.lockedUntil))}`;
  return a.mustChange ? 'ยังไม่ได้ตั้งรหัสผ่านเอง' : 'ใช้งาน';
}

/** Accounts (admin only): create, change role, reset password, disable, unlock, end sessions. */
export function accountsPage(viewer: Viewer, accounts: Account[], now: Date, message?: AccountsMessage) {
  const shown =
    message?.kind === 'password'
      ? notice(
          'ok',
          html`รหัสผ่านใช้ครั้งเดียวของ <strong>${message.name}</strong>: <code class="otp">${message.password}</code><br>
            แจ้งเจ้าของบัญชีด้วยตนเองหรือทางช่องทางที่ปลอดภัย รหัสนี้แสดงครั้งเดียวและไม่ถูกเก็บไว้ ระบบจะให้ตั้งรหัสผ่านใหม่เมื่อเข้าสู่ระบบครั้งแรก`,
        )
      : message
        ? notice(message.kind, message.text)
        : '';
  const path = (a: Account, action: string) => `/accounts/${encodeURIComponent(a.name)}/${action}`;
  return layout(viewer, {
    title: 'บัญชีผู้ใช้',
    active: 'accounts',
    wide: true,
    body: html`${shown}
<div class="table-wrap"><table class="accounts stack">
<thead><tr><th>ชื่อผู้ใช้</th><th>บทบาท</th><th>สถานะ</th><th>เข้าสู่ระบบล่าสุด</th><th>จัดการ</th></tr></thead>
<tbody>${accounts.map(
      (a) => html`<tr data-account="${a.name}"><td data-label="ชื่อผู้ใช้"><strong>${a.name}</strong></td>
  <td data-label="บทบาท"><form method="post" action="${path(a, 'role')}" class="inline">${csrfField(viewer)}${roleSelect('role', a.role, `บทบาทของ ${a.name}`)} <button type="submit">เปลี่ยนบทบาท</button></form></td>
  <td data-label="สถานะ">${status(a, now)}</td><td data-label="เข้าสู่ระบบล่าสุด">${a.lastLoginAt ? html`<span class="nowrap">${formatDateTimeThai(new Date(a.lastLoginAt))}</span>` : '-'}</td>
  <td class="actions" data-label="จัดการ">${postButton(viewer, path(a, 'reset'), 'ออกรหัสผ่านใหม่', { confirm: `ออกรหัสผ่านใหม่ให้ ${a.name}? รหัสเดิมจะใช้ไม่ได้` })}
    ${a.disabled ? postButton(viewer, path(a, 'enable'), 'เปิดใช้') : postButton(viewer, path(a, 'disable'), 'ระงับ', { kind: 'danger', confirm: `ระงับบัญชี ${a.name}?` })}
    ${a.lockedUntil ? postButton(viewer, path(a, 'unlock'), 'ปลดล็อก') : ''}
    ${postButton(viewer, path(a, 'logout'), 'ออกจากระบบทุกอุปกรณ์', { kind: 'secondary' })}</td></tr>`,
    )}</tbody></table></div>
<h2>สร้างบัญชีใหม่</h2>
<form method="post" action="${viewer.root}/accounts" class="card narrow">${csrfField(viewer)}
  <label for="new-name">ชื่อผู้ใช้ (a-z, 0-9, จุด ขีด หรือขีดล่าง)</label>
  <input id="new-name" name="name" required maxlength="32" pattern="[a-z0-9][a-z0-9._\\-]{1,31}" autocapitalize="none" spellcheck="false">
  <label for="new-role">บทบาท</label>${roleSelect('role')}
  <button type="submit" class="primary">สร้างบัญชีและออกรหัสผ่านใช้ครั้งเดียว</button>
</form>
<p class="hint">บทบาท: ผู้เผยแพร่ข่าวสาร (เผยแพร่และตั้งเวลา), ผู้รับเรื่องเบาะแส (อ่านและจัดการเบาะแส — บทบาทเดียวที่เห็นเบาะแส), ผู้ตรวจสอบ (ดูรายงานและบันทึกการตรวจสอบ แก้ไขอะไรไม่ได้), ผู้ดูแลระบบ (จัดการบัญชี)</p>`,
  });
}
