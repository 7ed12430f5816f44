import type { FiscalQuarter } from '../../staff/fiscal-quarter.js';
import { quarterTitle } from '../../staff/fiscal-quarter.js';
import type { PublicationFigure, ReportFigures } from '../../staff/report-figures.js';
import { formatDateTimeThai } from '../../thai/date.js';
import { html, num } from '../../http/html.js';
import { layout, type Viewer } from '../layout.js';
import { TOPICS } from '../../subscriptions/topic-names.js';
import { deliveryCells, DELIVERY_HEADERS } from './delivery-cells.js';

const percent = (share: number | null) => (share === null ? '-' : `${Math.round(share * 100)}%`);

/** The first page after login: the service at a glance. */
export function dashboardPage(
  viewer: Viewer,
  data: {
    quarter: FiscalQuarter;
    figures: ReportFigures;
    tipsNow: { open: number; overdue: number } | null;
    lastDeliveries: PublicationFigure[];
  },
) {
  const f = data.figures;
  return layout(viewer, {
    title: 'ภาพรวม',
    active: 'home',
    body: html`<section class="cards">
  <div class="card stat"><span class="label">เพื่อนของบัญชี LINE</span><span class="value" data-figure="friends">${num(f.friends.following)}</span><span class="sub">บล็อกแล้ว ${num(f.friends.blocked)}</span></div>
  <div class="card stat"><span class="label">ผู้รับข่าวสาร</span><span class="value" data-figure="subscribers">${num(f.subscribers.total)}</span><span class="sub">รับอย่างน้อยหนึ่งหัวข้อ</span></div>
  <div class="card stat"><span class="label">คำถาม${quarterTitle(data.quarter)}</span><span class="value" data-figure="questions">${num(f.questions.asked)}</span><span class="sub">ตอบได้ ${percent(f.questions.answeredShare)}</span></div>
  ${
    data.tipsNow
      ? html`<div class="card stat${data.tipsNow.overdue > 0 ? ' alert' : ''}"><span class="label">เบาะแสที่ยังไม่ปิด</span><span class="value" data-figure="tips-open">${num(data.tipsNow.open)}</span><span class="sub">เกินกำหนด <strong data-figure="tips-overdue">${num(data.tipsNow.overdue)}</strong></span></div>`
      : ''
  }
</section>
<h2>ผู้รับข่าวสารแต่ละหัวข้อ</h2>
<div class="table-wrap"><table><thead><tr><th>หัวข้อ</th><th class="n">ผู้รับ</th></tr></thead>
<tbody>${TOPICS.map((t) => html`<tr><td>${t.name}</td><td class="n" data-topic="${t.id}">${num(f.subscribers.byTopic[t.id] ?? 0)}</td></tr>`)}</tbody></table></div>
<h2>การส่งข่าวสารล่าสุด</h2>
${
  data.lastDeliveries.length === 0
    ? html`<p>ยังไม่มีการส่งข่าวสาร</p>`
    : html`<div class="table-wrap"><table class="stack"><thead><tr><th>เรื่อง</th><th>เวลา</th>${DELIVERY_HEADERS}</tr></thead>
<tbody>${data.lastDeliveries.map((p) => html`<tr><td data-label="เรื่อง"><a href="${viewer.root}/publications/${encodeURIComponent(p.id)}">${p.title}</a></td><td class="date" data-label="เวลา">${formatDateTimeThai(new Date(p.at))}</td>${deliveryCells(p)}</tr>`)}</tbody></table></div>`
}`,
  });
}
