import { quarterTitle, rangeText, shiftQuarter, type FiscalQuarter } from '../../staff/fiscal-quarter.js';
import { smallCount, type ReportFigures } from '../../staff/report-figures.js';
import { formatDateThai, formatDateTimeThai } from '../../thai/date.js';
import { html, num } from '../../http/html.js';
import { layout, type Viewer } from '../layout.js';
import { TOPICS, topicName } from '../../subscriptions/topic-names.js';
import { deliveryCells, DELIVERY_HEADERS } from './delivery-cells.js';
import { weeklyChart } from './report-chart.js';
import { TIP_STATUS_NAMES } from '../../tips/tip-model.js';

const percent = (share: number | null) => (share === null ? '-' : `${(share * 100).toFixed(1)}%`);
const quarterQuery = (q: FiscalQuarter) => `fy=${q.fiscalYear}&q=${q.quarter}`;
const row = (label: string, value: string | number, key: string) =>
  html`<tr><th scope="row">${label}</th><td class="n" data-figure="${key}">${typeof value === 'number' ? num(value) : value}</td></tr>`;
const optional = (value: number | undefined) => (value === undefined ? '-' : value);

/** The quarterly report for the executives: on screen, on A4 paper, and as CSV. */
export function reportPage(
  viewer: Viewer,
  data: { quarter: FiscalQuarter; figures: ReportFigures; agency: string; generatedAt: Date },
) {
  const { quarter: q, figures: f } = data;
  const tips = f.tips;
  const prev = shiftQuarter(q, -1);
  const next = shiftQuarter(q, 1);
  return layout(viewer, {
    title: `รายงานสถิติ ${quarterTitle(q)}`,
    active: 'report',
    body: html`<p class="report-head"><span>${data.agency} · ช่วง ${rangeText(q.from, q.to)}</span><span class="small">จัดทำเมื่อ ${formatDateTimeThai(data.generatedAt)}</span></p>
<div class="no-print filters">
  <a href="${viewer.root}/report?${quarterQuery(prev)}">← ${quarterTitle(prev)}</a>
  <a href="${viewer.root}/report?${quarterQuery(next)}">${quarterTitle(next)} →</a>
  <form method="get" action="${viewer.root}/report" class="quarter-pick"><label>ปีงบประมาณ พ.ศ. <input name="fy" type="number" inputmode="numeric" min="2560" max="2700" value="${q.fiscalYear}"></label>
    <label>ไตรมาส <select name="q">${[1, 2, 3, 4].map((n) => html`<option value="${n}"${n === q.quarter ? ' selected' : ''}>${n}</option>`)}</select></label><button type="submit">แสดง</button></form>
  <a href="${viewer.root}/report.csv?${quarterQuery(q)}" download>ดาวน์โหลด CSV</a>
  <button type="button" data-print hidden>พิมพ์ (A4)</button>
</div>
<section class="cards">
  <div class="card stat"><span class="label">คำถาม</span><span class="value">${num(f.questions.asked)}</span><span class="sub">ตอบได้ ${percent(f.questions.answeredShare)}</span></div>
  <div class="card stat"><span class="label">เพื่อนใหม่</span><span class="value">${optional(f.friends.friendsGained)}</span><span class="sub">เลิกติดตาม ${optional(f.friends.friendsLost)}</span></div>
  <div class="card stat"><span class="label">ข่าวสารที่เผยแพร่</span><span class="value">${num(f.publications.length)}</span><span class="sub">ส่งถึง ${num(f.publications.reduce((s, p) => s + p.accepted, 0))} ครั้ง</span></div>
  <div class="card stat"><span class="label">เบาะแสที่รับ</span><span class="value">${tips ? smallCount(tips.received) : '-'}</span><span class="sub">ปิดแล้ว ${tips ? smallCount(tips.closed) : '-'}</span></div>
</section>
<h2>1. คำถามจากประชาชน</h2>
<div class="table-wrap"><table class="figures"><tbody>
${row('คำถามทั้งหมด', f.questions.asked, 'asked')}${row('ตอบได้', f.questions.answered, 'answered')}${row('ตอบไม่ได้', f.questions.unanswered, 'unanswered')}
${row('สัดส่วนที่ตอบได้', percent(f.questions.answeredShare), 'answered-share')}${row('ตอบได้แต่ไม่มั่นใจ', f.questions.lowConfidence, 'low-confidence')}
</tbody></table></div>
<h3>คำถามรายสัปดาห์</h3>
<p class="legend" aria-hidden="true"><span><span class="swatch answered"></span>ตอบได้</span><span><span class="swatch unanswered"></span>ตอบไม่ได้</span></p>
<div class="table-wrap">${weeklyChart(f.weekly)}</div>
<h3>เรื่องที่ถามมากที่สุด</h3>
${
  f.mostAsked.length === 0
    ? html`<p>-</p>`
    : html`<div class="table-wrap"><table class="most-asked"><thead><tr><th>เรื่อง</th><th class="n">ครั้ง</th></tr></thead>
<tbody>${f.mostAsked.map((m) => html`<tr><td>${m.title}</td><td class="n">${num(m.count)}</td></tr>`)}</tbody></table></div>`
}
<h3>คำถามที่ตอบไม่ได้บ่อยที่สุด</h3>
${
  f.topUnanswered.length === 0
    ? html`<p>-</p>`
    : html`<div class="table-wrap"><table class="top-unanswered"><thead><tr><th>คำถาม</th><th class="n">ครั้ง</th></tr></thead>
<tbody>${f.topUnanswered.map((m) => html`<tr><td class="question-text">${m.text}</td><td class="n">${num(m.count)}</td></tr>`)}</tbody></table></div>`
}
<h2>2. เพื่อนและผู้รับข่าวสาร</h2>
<div class="table-wrap"><table class="figures"><tbody>
${row('เพื่อนใหม่ในไตรมาส', optional(f.friends.friendsGained), 'friends-gained')}${row('เลิกติดตาม (บล็อก) ในไตรมาส', optional(f.friends.friendsLost), 'friends-lost')}
${row('ผู้รับข่าวสารเพิ่มขึ้น', optional(f.friends.subscribersGained), 'subscribers-gained')}${row('ผู้รับข่าวสารลดลง', optional(f.friends.subscribersLost), 'subscribers-lost')}
${row('เพื่อนทั้งหมด ณ วันจัดทำ', f.friends.following, 'friends-now')}${row('ผู้รับข่าวสาร ณ วันจัดทำ', f.subscribers.total, 'subscribers-now')}
${TOPICS.map((t) => row(`— หัวข้อ${t.name}`, f.subscribers.byTopic[t.id] ?? 0, `topic-${t.id}`))}
</tbody></table></div>
<h2>3. การเผยแพร่ข่าวสาร</h2>
${
  f.publications.length === 0
    ? html`<p>ไม่มีการเผยแพร่ในไตรมาสนี้</p>`
    : html`<div class="table-wrap"><table class="publications stack"><thead><tr><th>วันที่</th><th>เรื่อง</th><th>หัวข้อ</th>${DELIVERY_HEADERS}</tr></thead>
<tbody>${f.publications.map((p) => html`<tr><td class="date" data-label="วันที่">${formatDateThai(new Date(p.at), 'short')}</td><td data-label="เรื่อง">${p.title}</td><td data-label="หัวข้อ">${topicName(p.topic)}</td>${deliveryCells(p)}</tr>`)}</tbody></table></div>`
}
<h2>4. เบาะแสการทุจริต</h2>
${
  tips
    ? html`<div class="table-wrap"><table class="figures tips"><tbody>
${row('รับเรื่องในไตรมาส', smallCount(tips.received), 'tips-received')}${row('ปิดเรื่องในไตรมาส', smallCount(tips.closed), 'tips-closed')}
${row('เกินกำหนด (ณ วันจัดทำ)', smallCount(tips.overdue), 'tips-overdue')}
${Object.entries(TIP_STATUS_NAMES).map(([id, name]) => row(`— สถานะ${name}`, smallCount(tips.byStatus[id] ?? 0), `tips-status-${id}`))}
</tbody></table></div>`
    : html`<p>-</p>`
}
<p class="small">ตัวเลขเบาะแส 1 ถึง 4 แสดงเป็น "&lt;5" เพื่อไม่ให้ระบุตัวผู้แจ้งได้ (ไม่มีเลยแสดงเป็น 0) · เวลาทั้งหมดเป็นเวลาประเทศไทย · คำถามไม่มีข้อมูลผู้ถาม</p>`,
  });
}
