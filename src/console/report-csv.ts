import { quarterTitle, rangeText, type FiscalQuarter } from '../staff/fiscal-quarter.js';
import { smallCount, type ReportFigures } from '../staff/report-figures.js';
import { formatDateThai, formatDateTimeThai } from '../thai/date.js';
import { stateName } from './pages/delivery-cells.js';
import { TIP_STATUS_NAMES } from '../tips/tip-model.js';
import { TOPICS, topicName } from '../subscriptions/topic-names.js';

/**
 * A cell safe for spreadsheets: quoted, and text that a spreadsheet would run as a formula
 * (a resident's question starting with "=" or "+") is prefixed with an apostrophe.
 */
function cell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The report as CSV (UTF-8 with BOM so Excel reads Thai; CRLF): section, item, value, extra.
 * Dates and times are Bangkok's in the Buddhist era, as on the screen; states are in Thai.
 */
export function reportCsv(quarter: FiscalQuarter, f: ReportFigures): string {
  const rows: Array<Array<string | number | null | undefined>> = [['หมวด', 'รายการ', 'ค่า', 'หมายเหตุ']];
  const add = (section: string, item: string, value: string | number | null | undefined, note = '') =>
    rows.push([section, item, value, note]);
  add('รายงาน', quarterTitle(quarter), rangeText(quarter.from, quarter.to), 'วันแรกถึงวันสุดท้ายของไตรมาส เวลาประเทศไทย');
  add('คำถาม', 'คำถามทั้งหมด', f.questions.asked);
  add('คำถาม', 'ตอบได้', f.questions.answered);
  add('คำถาม', 'ตอบไม่ได้', f.questions.unanswered);
  add('คำถาม', 'ตอบได้แต่ไม่มั่นใจ', f.questions.lowConfidence);
  add(
    'คำถาม',
    'สัดส่วนที่ตอบได้ (%)',
    f.questions.answeredShare === null ? '' : (f.questions.answeredShare * 100).toFixed(1),
  );
  f.weekly.forEach((w, i) =>
    add(
      'คำถามรายสัปดาห์',
      `สัปดาห์ที่ ${i + 1} (${formatDateThai(new Date(w.from), 'short')})`,
      w.asked,
      `ตอบได้ ${w.answered}`,
    ),
  );
  for (const m of f.mostAsked) add('เรื่องที่ถามมากที่สุด', m.title, m.count);
  for (const m of f.topUnanswered) add('คำถามที่ตอบไม่ได้บ่อยที่สุด', m.text, m.count);
  add('เพื่อน', 'เพื่อนใหม่', f.friends.friendsGained);
  add('เพื่อน', 'เลิกติดตาม', f.friends.friendsLost);
  add('เพื่อน', 'เพื่อนทั้งหมด ณ วันจัดทำ', f.friends.following);
  add('ผู้รับข่าวสาร', 'เพิ่มขึ้น', f.friends.subscribersGained);
  add('ผู้รับข่าวสาร', 'ลดลง', f.friends.subscribersLost);
  add('ผู้รับข่าวสาร', 'ทั้งหมด ณ วันจัดทำ', f.subscribers.total);
  for (const t of TOPICS) add('ผู้รับข่าวสาร', `หัวข้อ${t.name}`, f.subscribers.byTopic[t.id] ?? 0);
  for (const p of f.publications)
    add(
      'การเผยแพร่',
      p.title,
      p.accepted,
      `${topicName(p.topic)}; ${formatDateTimeThai(new Date(p.at))}; สถานะ ${stateName(p.state)}; ผู้รับ ${p.recipients}; ไม่สำเร็จ ${p.failed}; รอส่ง ${p.pending}`,
    );
  if (f.tips) {
    add('เบาะแส', 'รับเรื่อง', smallCount(f.tips.received));
    add('เบาะแส', 'ปิดเรื่อง', smallCount(f.tips.closed));
    add('เบาะแส', 'เกินกำหนด', smallCount(f.tips.overdue));
    for (const [id, name] of Object.entries(TIP_STATUS_NAMES))
      add('เบาะแส', `สถานะ${name}`, smallCount(f.tips.byStatus[id] ?? 0));
  }
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
