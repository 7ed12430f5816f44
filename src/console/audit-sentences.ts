import type { AuditEntry } from '../staff/audit-log.js';
import { ROLE_NAMES, isRole } from '../staff/roles.js';
import { formatDateTimeThai } from '../thai/date.js';
import { tipNumberText } from '../tips/tip-number.js';
import { actionName } from './audit-labels.js';
import { tipStatusName } from '../tips/tip-model.js';
import { topicName } from '../subscriptions/topic-names.js';

/** How the audit page names records: a tip by its readable number, a publication by its title. */
export interface AuditNames {
  tipNumber(id: string): string | undefined;
  publicationTitle(id: string): string | undefined;
  itemTitle(id: string): string | undefined;
}

type Details = NonNullable<AuditEntry['details']>;
type Phrase = (d: Details, target: string) => string;

const PAGES: Record<string, string> = {
  accounts: 'บัญชีผู้ใช้',
  tips: 'เบาะแส',
  publications: 'ข่าวสาร',
  questions: 'คำถาม',
  report: 'รายงานรายไตรมาส',
  'report.csv': 'รายงานรายไตรมาส (CSV)',
  audit: 'บันทึกการตรวจสอบ',
  'line-link': 'เชื่อมบัญชี LINE',
};
const LIST_GROUPS: Record<string, string> = { open: 'ยังไม่ปิด', all: 'ทั้งหมด', overdue: 'เกินกำหนด' };

/** The record an entry is about, in words: never a raw id. */
function targetName(target: string | undefined, names: AuditNames): string {
  if (!target) return '';
  const [kind, ...rest] = target.split(':');
  const id = rest.join(':');
  if (kind === 'tip') {
    const number = names.tipNumber(id);
    return number ? `เรื่อง ${tipNumberText(number)}` : 'เรื่องเบาะแสที่ไม่มีในระบบแล้ว';
  }
  if (kind === 'publication') return `ข่าว “${names.publicationTitle(id) ?? 'ที่ไม่มีในระบบแล้ว'}”`;
  if (kind === 'account') return `บัญชี ${id}`;
  if (kind === 'item') return `เรื่อง “${names.itemTitle(id) ?? 'ที่ไม่มีในระบบแล้ว'}”`;
  if (kind === 'report') {
    const m = /^(\d{4})-Q([1-4])$/.exec(id);
    return m ? `รายงานไตรมาสที่ ${m[2]} ปีงบประมาณ พ.ศ. ${m[1]}` : 'รายงาน';
  }
  if (target === 'synonyms') return 'คำพ้องความหมาย';
  // A tenant's console is at /t/<id>/staff in the shared service
  const page = /^[A-Z]+ (?:\/t\/[a-z0-9-]+)?\/staff\/?([^/?]*)/.exec(target);
  if (page) return `หน้า${PAGES[page[1]!] ?? 'หลัก'}`;
  return 'รายการหนึ่ง';
}

const when = (iso: unknown) =>
  typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? formatDateTimeThai(new Date(iso)) : '';
const role = (r: unknown) => (isRole(r) ? ROLE_NAMES[r] : 'บทบาทหนึ่ง');

function statusPhrase(d: Details, t: string): string {
  const moved = d.from !== undefined && d.to !== undefined && d.from !== d.to;
  const notes = [d.publicNote === true ? 'พร้อมข้อความถึงผู้แจ้ง' : '', d.outcome === true ? 'พร้อมผลการดำเนินการ' : '']
    .filter(Boolean)
    .join(' ');
  const notice =
    d.notified === 'sent'
      ? ' และแจ้งความคืบหน้าถึงผู้แจ้งทาง LINE แล้ว'
      : d.notified === 'failed'
        ? ' (แจ้งความคืบหน้าทาง LINE ไม่สำเร็จ)'
        : '';
  const head = moved
    ? `เปลี่ยนสถานะ${t} จาก ${tipStatusName(String(d.from))} เป็น ${tipStatusName(String(d.to))}`
    : `บันทึกสถานะ${t} (${tipStatusName(String(d.to ?? ''))})`;
  return `${head}${notes ? ` ${notes}` : ''}${notice}`;
}

function createPhrase(d: Details, t: string): string {
  const to = d.urgent === true ? 'ส่งถึงเพื่อนทุกคน (ประกาศด่วน)' : `หัวข้อ${topicName(String(d.topic ?? ''))}`;
  const at = d.status === 'scheduled' && when(d.publishAt) ? ` ตั้งเวลาส่ง ${when(d.publishAt)}` : ' ส่งทันที';
  const count = typeof d.recipients === 'number' ? ` ถึง ${d.recipients} คน` : '';
  return `เผยแพร่${t} ${to}${at}${count}`;
}

const PHRASES: Record<string, Phrase> = {
  login: (d) => `เข้าสู่ระบบ${d.oneTimePassword === true ? 'ด้วยรหัสผ่านใช้ครั้งเดียว' : ''}`,
  'login.failed': (d) => `เข้าสู่ระบบไม่สำเร็จ (${d.reason === 'locked' ? 'บัญชีถูกล็อก' : 'ชื่อหรือรหัสผ่านไม่ถูกต้อง'})`,
  logout: () => 'ออกจากระบบ',
  'logout.everywhere': () => 'ออกจากระบบทุกอุปกรณ์',
  'password.change': () => 'เปลี่ยนรหัสผ่านของตนเอง',
  'account.create': (d, t) => `สร้าง${t} บทบาท${role(d.role)}`,
  'account.reset': (_d, t) => `ออกรหัสผ่านใช้ครั้งเดียวใหม่ให้${t}`,
  'account.role': (d, t) => `เปลี่ยนบทบาทของ${t} เป็น${role(d.role)}`,
  'account.disable': (_d, t) => `ระงับ${t}`,
  'account.enable': (_d, t) => `เปิดใช้${t}`,
  'account.unlock': (_d, t) => `ปลดล็อก${t}`,
  'account.logout': (_d, t) => `ให้${t} ออกจากระบบทุกอุปกรณ์`,
  'access.denied': (_d, t) => `ถูกปฏิเสธเมื่อเปิด${t} (ไม่มีสิทธิ์)`,
  'report.export': (_d, t) => `ดาวน์โหลด${t} เป็นไฟล์ CSV`,
  'publication.create': createPhrase,
  'publication.cancel': (_d, t) => `ยกเลิกการส่ง${t}`,
  'publication.resume': (_d, t) => `สั่งส่ง${t} ต่อหลังโควตาหมด`,
  'publication.read': (_d, t) => `เปิดดู${t}`,
  'publication.test-send': (_d, t) => `ส่งทดสอบ${t} ไปที่ LINE ของตนเอง`,
  'publication.test-send-draft': () => 'ส่งทดสอบร่างข่าวไปที่ LINE ของตนเอง',
  'tips.list': (d) =>
    `ดูรายการเบาะแส กลุ่ม${LIST_GROUPS[String(d.status)] ?? (d.status ? tipStatusName(String(d.status)) : 'ทั้งหมด')}${typeof d.count === 'number' ? ` (${d.count} เรื่อง)` : ''}`,
  'tip.read': (_d, t) => `เปิดอ่าน${t}`,
  'tip.status': statusPhrase,
  'tip.note': (_d, t) => `เพิ่มบันทึกภายในใน${t}`,
  'tip.attachment': (_d, t) => `เปิดไฟล์แนบของ${t}`,
  'question.alias': (_d, t) => `ผูกคำถามของประชาชนกับ${t}`,
  'question.dismiss': (d) =>
    `ซ่อนกลุ่มคำถามที่ไม่เกี่ยวกับงานของเทศบาล${typeof d.questions === 'number' ? ` (${d.questions} คำถาม)` : ''}`,
  'question.synonym': (d) => `เพิ่มคำพ้องความหมาย${typeof d.terms === 'number' ? ` ${d.terms} คำ` : ''}`,
  'line-link.code': () => 'ขอรหัสเชื่อมบัญชี LINE ของตนเอง',
  'line-link.done': () => 'เชื่อมบัญชี LINE ของตนเองสำหรับส่งทดสอบ',
  'line-link.remove': () => 'ยกเลิกการเชื่อมบัญชี LINE ของตนเอง',
};

/**
 * One audit entry as a Thai sentence: "สมชาย เปลี่ยนสถานะเรื่อง ๒๕๖๙-๐๐๑๒ จาก รับเรื่อง เป็น
 * กำลังพิจารณา". Only known detail fields are read, and only their kinds (statuses, yes/no,
 * counts): nothing a tip or a note says can reach the page.
 */
export function auditSentence(
  e: Pick<AuditEntry, 'actor' | 'action' | 'target' | 'details'>,
  names: AuditNames,
): string {
  const actor = e.actor === '(unknown)' ? 'ผู้ใช้ที่ไม่มีบัญชี' : e.actor;
  const target = targetName(e.target, names);
  const phrase = PHRASES[e.action];
  const text = phrase ? phrase(e.details ?? {}, target) : `${actionName(e.action)}${target ? ` ${target}` : ''}`;
  return `${actor} ${text.replace(/\s+/g, ' ').trim()}`;
}
