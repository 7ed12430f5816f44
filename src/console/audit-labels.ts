/** Thai names of the audit trail's actions, for the console and the CSV. */
const ACTION_NAMES: Record<string, string> = {
  login: 'เข้าสู่ระบบ',
  'login.failed': 'เข้าสู่ระบบไม่สำเร็จ',
  logout: 'ออกจากระบบ',
  'logout.everywhere': 'ออกจากระบบทุกอุปกรณ์',
  'password.change': 'เปลี่ยนรหัสผ่าน',
  'account.create': 'สร้างบัญชี',
  'account.reset': 'ออกรหัสผ่านใช้ครั้งเดียวใหม่',
  'account.role': 'เปลี่ยนบทบาท',
  'account.disable': 'ระงับบัญชี',
  'account.enable': 'เปิดใช้บัญชี',
  'account.unlock': 'ปลดล็อกบัญชี',
  'account.logout': 'ให้บัญชีออกจากระบบทุกอุปกรณ์',
  'access.denied': 'ถูกปฏิเสธ (ไม่มีสิทธิ์)',
  'api.token.refused': 'ใช้โทเคน API ที่ไม่ถูกต้อง',
  'report.export': 'ส่งออกรายงาน (CSV)',
  'publication.create': 'สร้าง/ตั้งเวลาเผยแพร่ข่าวสาร',
  'publication.cancel': 'ยกเลิกการเผยแพร่',
  'publication.resume': 'ส่งข่าวสารต่อ (หลังโควตาหมด)',
  'publication.read': 'เปิดดูข่าวสาร',
  'publication.list': 'ดูรายการข่าวสาร',
  'publication.preview': 'ดูตัวอย่างข่าวสาร',
  'publication.preview-draft': 'ดูตัวอย่างร่างข่าวสาร',
  'publication.test-send': 'ส่งทดสอบ',
  'publication.test-send-draft': 'ส่งทดสอบร่าง',
  'tip.read': 'เปิดอ่านเบาะแส',
  'tips.list': 'ดูรายการเบาะแส',
  'tip.status': 'เปลี่ยนสถานะเบาะแส',
  'tip.note': 'เพิ่มบันทึกภายใน',
  'tip.attachment': 'เปิดไฟล์แนบของเบาะแส',
  'question.synonym': 'เพิ่มคำที่มีความหมายเดียวกัน',
  'question.alias': 'ผูกคำถามกับเรื่องที่ตอบ',
  'question.dismiss': 'ซ่อนกลุ่มคำถามที่ไม่เกี่ยวกับงานของเทศบาล',
};

export const actionName = (action: string): string => ACTION_NAMES[action] ?? action;

/** The verifier's reason (English, from verifyChain) in Thai for staff. */
export function reasonInThai(reason: string): string {
  if (reason.includes('content was changed')) return 'เนื้อหาของรายการถูกแก้ไข';
  if (reason.includes('does not follow')) return 'รายการไม่ต่อจากรายการก่อนหน้า (มีรายการถูกลบ แทรก หรือแก้ไข)';
  if (reason.includes('entry number')) return 'ลำดับรายการไม่ต่อเนื่อง (มีรายการถูกลบหรือแทรก)';
  if (reason.includes('head record')) return 'ข้อมูลกำกับท้ายบันทึกหายไปหรือถูกแก้ไข';
  if (reason.includes('should have')) return 'จำนวนรายการไม่ตรงกับที่ลงนามไว้ (รายการท้ายสุดถูกลบหรือเพิ่ม)';
  return 'อ่านบันทึกไม่ได้';
}
