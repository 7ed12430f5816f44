import { refusal } from '../http/http-error.js';
import { isRole, PERMISSION_NAMES, ROLE_NAMES, rolesThatCan, type Permission } from '../staff/roles.js';

/** The console's refusals: HttpErrors whose message is the short Thai explanation its page shows. */

/**
 * A refusal that says why: which role the account has, what it cannot do, and which role can
 * (an admin who opens the compose page learns that publishing is the editors' work).
 */
export const forbidden = (why?: { role: string | undefined; permission: Permission }) => {
  if (!why) return refusal(403, 'บัญชีของคุณไม่มีสิทธิ์ใช้หน้านี้หรือทำรายการนี้');
  const role = isRole(why.role) ? ROLE_NAMES[why.role] : 'ที่ใช้อยู่';
  const who = rolesThatCan(why.permission).join(' หรือ ');
  const next = why.role === 'admin' ? 'ผู้ดูแลระบบสร้างบัญชีบทบาทนี้ได้ที่หน้าบัญชีผู้ใช้' : 'หากต้องการใช้ ติดต่อผู้ดูแลระบบ';
  return refusal(
    403,
    `ไม่มีสิทธิ์: บัญชีบทบาท ${role} ${PERMISSION_NAMES[why.permission]}ไม่ได้ งานนี้เป็นของบทบาท ${who} ${next}`,
  );
};
export const notFoundPage = () => refusal(404, 'ไม่พบหน้าหรือรายการที่ต้องการ');
