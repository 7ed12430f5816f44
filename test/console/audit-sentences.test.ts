import { describe, expect, it } from 'vitest';
import { auditSentence, type AuditNames } from '../../src/console/audit-sentences.js';

const names: AuditNames = {
  tipNumber: (id) => (id === 'ydphihj3mqz2' ? '2569-0012' : undefined),
  publicationTitle: (id) => (id === 'pub-1' ? 'ประกาศรับสมัครงาน' : undefined),
  itemTitle: (id) => (id === 'doc:ita:1' ? 'ผลการประเมิน ITA' : undefined),
};
const say = (
  actor: string,
  action: string,
  target?: string,
  details?: Record<string, string | number | boolean | null>,
) => auditSentence({ actor, action, ...(target ? { target } : {}), ...(details ? { details } : {}) }, names);

describe('audit entries as Thai sentences', () => {
  it('when a tip changes status, then the sentence names it by its readable number and the statuses in Thai', () => {
    expect(
      say('สมชาย', 'tip.status', 'tip:ydphihj3mqz2', {
        from: 'received',
        to: 'assessing',
        publicNote: false,
        outcome: false,
        notified: 'none',
      }),
    ).toBe('สมชาย เปลี่ยนสถานะเรื่อง ๒๕๖๙-๐๐๑๒ จาก รับเรื่อง เป็น กำลังพิจารณา');
    expect(
      say('malee', 'tip.status', 'tip:ydphihj3mqz2', {
        from: 'assessing',
        to: 'closed',
        publicNote: true,
        outcome: true,
        notified: 'sent',
      }),
    ).toBe(
      'malee เปลี่ยนสถานะเรื่อง ๒๕๖๙-๐๐๑๒ จาก กำลังพิจารณา เป็น ปิดเรื่อง พร้อมข้อความถึงผู้แจ้ง พร้อมผลการดำเนินการ และแจ้งความคืบหน้าถึงผู้แจ้งทาง LINE แล้ว',
    );
  });

  it('when entries point at accounts, publications, reports and pages, then each is named, never by a raw id or an English code', () => {
    expect(say('boonmee', 'login', 'account:boonmee', { oneTimePassword: true })).toBe(
      'boonmee เข้าสู่ระบบด้วยรหัสผ่านใช้ครั้งเดียว',
    );
    expect(say('boonmee', 'account.role', 'account:somsri', { role: 'tip-handler' })).toBe(
      'boonmee เปลี่ยนบทบาทของบัญชี somsri เป็นผู้รับเรื่องเบาะแส',
    );
    expect(
      say('somsri', 'publication.create', 'publication:pub-1', {
        topic: 'news',
        status: 'sending',
        urgent: false,
        publishAt: null,
        recipients: 12,
      }),
    ).toBe('somsri เผยแพร่ข่าว “ประกาศรับสมัครงาน” หัวข้อข่าวประชาสัมพันธ์ ส่งทันที ถึง 12 คน');
    expect(say('kanya', 'report.export', 'report:2569-Q2', { format: 'csv' })).toBe(
      'kanya ดาวน์โหลดรายงานไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2569 เป็นไฟล์ CSV',
    );
    expect(say('somsri', 'access.denied', 'GET /staff/accounts')).toBe('somsri ถูกปฏิเสธเมื่อเปิดหน้าบัญชีผู้ใช้ (ไม่มีสิทธิ์)');
    expect(say('somsri', 'access.denied', 'GET /t/a-town/staff/accounts')).toBe(
      'somsri ถูกปฏิเสธเมื่อเปิดหน้าบัญชีผู้ใช้ (ไม่มีสิทธิ์)',
    );
    expect(say('(unknown)', 'login.failed', undefined, { reason: 'invalid' })).toBe(
      'ผู้ใช้ที่ไม่มีบัญชี เข้าสู่ระบบไม่สำเร็จ (ชื่อหรือรหัสผ่านไม่ถูกต้อง)',
    );
    expect(say('wilai', 'question.alias', 'item:doc:ita:1')).toBe('wilai ผูกคำถามของประชาชนกับเรื่อง “ผลการประเมิน ITA”');
    // A dismissed group is named by a digest in the trail: the sentence shows neither it nor the question
    expect(say('wilai', 'question.dismiss', 'question-group:0123456789ab', { questions: 3 })).toBe(
      'wilai ซ่อนกลุ่มคำถามที่ไม่เกี่ยวกับงานของเทศบาล (3 คำถาม)',
    );
    // Records gone since: named as gone, not by id
    expect(say('malee', 'tip.read', 'tip:zzzzzzzzzzzz')).toBe('malee เปิดอ่านเรื่องเบาะแสที่ไม่มีในระบบแล้ว');
    expect(say('somsri', 'publication.read', 'publication:pub-9')).toBe('somsri เปิดดูข่าว “ที่ไม่มีในระบบแล้ว”');
  });

  it('when an entry carries other fields or an unknown action, then only the known kinds of detail are read: nothing else reaches the page', () => {
    const sentence = say('malee', 'tip.note', 'tip:ydphihj3mqz2', {
      text: 'นายก อบต. รับเงินใต้โต๊ะ',
      userId: 'U0123456789abcdef0123456789abcdef',
    });
    expect(sentence).toBe('malee เพิ่มบันทึกภายในในเรื่อง ๒๕๖๙-๐๐๑๒');
    const unknown = say('robot', 'something.new', 'thing:abc123', { secret: 'ข้อความลับ' });
    expect(unknown).toBe('robot something.new รายการหนึ่ง');
    expect(unknown).not.toContain('abc123');
    expect(unknown).not.toContain('ข้อความลับ');
  });
});
