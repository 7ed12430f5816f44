import { bangkokParts } from '../../thai/bangkok-time.js';
import { THAI_MONTHS_SHORT } from '../../thai/date.js';
import { html, num } from '../../http/html.js';

const COLOURS = { answered: '#0b6e4f', unanswered: '#b54708' };

/** A round axis maximum: 1, 2, 5 × 10^n at or above `n`. */
function niceMax(n: number): number {
  if (n <= 4) return 4;
  const base = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * base).find((m) => m >= n)!;
}

const dayLabel = (iso: string) => {
  const p = bangkokParts(new Date(iso));
  return `${p.day} ${THAI_MONTHS_SHORT[p.month - 1]}`;
};

const pct = (v: number, max: number) => `${((v / max) * 100).toFixed(2)}%`;

/**
 * Questions per week as a table of horizontal bars (answered, then unanswered): the labels
 * and figures are page text, so they stay as large as the rest of the page on a phone and on
 * paper; each bar is a small SVG sized in percent (attributes, no style: the CSP allows it).
 */
export function weeklyChart(weeks: Array<{ from: string; asked: number; answered: number }>) {
  const max = niceMax(Math.max(0, ...weeks.map((w) => w.asked)));
  return html`<table class="chart" aria-describedby="chart-caption">
<caption id="chart-caption">คำถามรายสัปดาห์ (สัปดาห์เริ่มวันจันทร์) แท่งยาวเต็มช่อง = ${num(max)} คำถาม</caption>
<thead><tr><th scope="col">สัปดาห์</th><th scope="col">ตอบได้ / ตอบไม่ได้</th><th scope="col" class="n">ถาม</th></tr></thead>
<tbody>${weeks.map(
    (
      w,
      i,
    ) => html`<tr data-week="${i + 1}" data-asked="${w.asked}" data-answered="${w.answered}"><th scope="row" class="date">${dayLabel(w.from)}</th>
<td class="bar"><svg width="100%" height="18" aria-hidden="true" focusable="false"><rect x="0" y="1" width="${pct(w.answered, max)}" height="16" fill="${COLOURS.answered}"/><rect x="${pct(w.answered, max)}" y="1" width="${pct(w.asked - w.answered, max)}" height="16" fill="${COLOURS.unanswered}"/></svg><span class="visually-hidden">ตอบได้ ${w.answered} ตอบไม่ได้ ${w.asked - w.answered}</span></td>
<td class="n">${num(w.asked)}</td></tr>`,
  )}</tbody></table>`;
}
