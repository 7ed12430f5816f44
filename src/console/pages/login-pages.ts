import { MIN_PASSWORD_LENGTH } from '../../staff/password.js';
import { html } from '../../http/html.js';
import { csrfField, layout, notice, type Site, type Viewer } from '../layout.js';

/** The login form of `site`'s console; `error` says why the last try failed (never which part was wrong). */
export function loginPage(site: Site, csrf: string, opts: { error?: string; info?: string; name?: string } = {}) {
  return layout(site, {
    title: 'เข้าสู่ระบบเจ้าหน้าที่',
    body: html`${opts.error ? notice('error', opts.error) : ''}${opts.info ? notice('info', opts.info) : ''}
<form method="post" action="${site.root}/login" class="card narrow">
  ${csrfField({ csrf })}
  <label for="name">ชื่อผู้ใช้</label>
  <input id="name" name="name" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="32" value="${opts.name ?? ''}">
  <label for="password">รหัสผ่าน</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
  <button type="submit" class="primary">เข้าสู่ระบบ</button>
</form>
<p class="hint">ลืมรหัสผ่านหรือบัญชีถูกล็อก: ติดต่อผู้ดูแลระบบของเทศบาลเพื่อขอรหัสผ่านใช้ครั้งเดียวใหม่</p>`,
  });
}

/** Setting a new password: required after a one-time password, possible any time. */
export function passwordPage(viewer: Viewer, opts: { mustChange: boolean; error?: string; done?: boolean }) {
  return layout(viewer, {
    title: opts.mustChange ? 'ตั้งรหัสผ่านใหม่ก่อนเริ่มใช้งาน' : 'เปลี่ยนรหัสผ่าน',
    body: html`${opts.mustChange ? notice('info', 'รหัสผ่านที่ได้รับใช้ได้ครั้งเดียว กรุณาตั้งรหัสผ่านของคุณเองก่อนใช้งานระบบ') : ''}
${opts.error ? notice('error', opts.error) : ''}${opts.done ? notice('ok', 'เปลี่ยนรหัสผ่านแล้ว อุปกรณ์อื่นที่เคยเข้าสู่ระบบไว้ถูกออกจากระบบทั้งหมด') : ''}
<form method="post" action="${viewer.root}/password" class="card narrow">
  ${csrfField(viewer)}
  <input type="text" name="username" value="${viewer.name}" autocomplete="username" hidden>
  <label for="current">รหัสผ่านปัจจุบัน${opts.mustChange ? ' (รหัสใช้ครั้งเดียว)' : ''}</label>
  <input id="current" name="current" type="password" autocomplete="current-password" required maxlength="200">
  <label for="next">รหัสผ่านใหม่ (อย่างน้อย ${MIN_PASSWORD_LENGTH} ตัวอักษร)</label>
  <input id="next" name="next" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="200">
  <label for="confirm">พิมพ์รหัสผ่านใหม่อีกครั้ง</label>
  <input id="confirm" name="confirm" type="password" autocomplete="new-password" required maxlength="200">
  <button type="submit" class="primary">บันทึกรหัสผ่านใหม่</button>
</form>`,
  });
}
